using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Gateway;

/// <summary>The proxy streams server-sent events as they come and passes the MCP headers both ways.</summary>
public sealed class StreamingProxyTests(StreamingUpstreamFixture fixture) : IClassFixture<StreamingUpstreamFixture>
{
    [Fact]
    public async Task Sse_events_reach_the_client_before_the_upstream_has_finished_and_mcp_headers_pass_both_ways()
    {
        fixture.ResetStream();
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = McpHttp.Post(fixture.McpUrl, fixture.Forge.Create(), """{"jsonrpc":"2.0","id":7,"method":"tools/list"}""");
        request.Headers.TryAddWithoutValidation("Mcp-Session-Id", "client-session-9");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-11-25");
        request.Headers.TryAddWithoutValidation("X-McpSecure-Identity", "spoofed");

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StreamingUpstreamFixture.UpstreamSessionId, Assert.Single(response.Headers.GetValues("Mcp-Session-Id")));

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        // The upstream writes the second event only once the first has arrived here: a buffering proxy would hold the
        // first until the stream ended, and the upstream would write a complaint instead after 15 s.
        Assert.Equal("data: first", await ReadDataLineAsync(reader).WaitAsync(TimeSpan.FromSeconds(10)));
        fixture.FirstEventSeen.TrySetResult();
        Assert.Equal("data: second", await ReadDataLineAsync(reader).WaitAsync(TimeSpan.FromSeconds(20)));

        var received = Assert.Single(fixture.Received);
        Assert.Equal("client-session-9", received["Mcp-Session-Id"].ToString());
        Assert.Equal("2025-11-25", received["MCP-Protocol-Version"].ToString());
        Assert.False(received.ContainsKey("Authorization"), "the caller's token reached the upstream");
        var identity = received["X-McpSecure-Identity"];
        Assert.Single(identity);
        Assert.NotEqual("spoofed", identity.ToString());
        Assert.Equal(3, identity.ToString().Split('.').Length);
    }

    private static async Task<string?> ReadDataLineAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line;
            }
        }
        return null;
    }
}
