using System.Net.Http.Headers;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Gateway;

/// <summary>What the gateway proxies: every MCP method on /mcp, with the MCP server's own answer.</summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ProxyTests(EmbeddedAppFixture fixture)
{
    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task Authorized_get_and_delete_reach_the_mcp_server_and_return_its_answer(string method)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), fixture.McpUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Forge.Create());
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-11-25");

        using var response = await http.SendAsync(request);

        // A stateless server has no standalone stream or session to delete: the MCP server answers 405 (allowing only
        // POST), and the gateway, whose route accepts GET, POST and DELETE, passes that answer on.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }
}
