using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Gateway;

/// <summary>Discovery documents on the gateway's host: RFC 9728 (both forms) and the mirrored RFC 8414 metadata.</summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class GatewayDiscoveryTests(EmbeddedAppFixture fixture)
{
    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task Protected_resource_metadata_is_complete_at_both_forms(string path)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.GatewayUrl, path));

        Assert.Equal(fixture.McpUrl.AbsoluteUri, metadata.GetProperty("resource").GetString());
        Assert.Equal([fixture.Issuer], Strings(metadata, "authorization_servers"));
        Assert.Equal(["openid", "profile", "email", "mcp:tools", "prometheus:read"], Strings(metadata, "scopes_supported"));
        Assert.Equal(["header"], Strings(metadata, "bearer_methods_supported"));
        Assert.False(string.IsNullOrWhiteSpace(metadata.GetProperty("resource_name").GetString()));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_caller_do_not_change_the_metadata()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp"));
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "evil.example");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.Host = "evil.example";

        using var response = await http.SendAsync(request);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(fixture.McpUrl.AbsoluteUri, metadata.GetProperty("resource").GetString());
    }

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Authorization_server_metadata_is_mirrored_from_the_provider(string path)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var provider = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(fixture.Issuer), ".well-known/openid-configuration"));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.GatewayUrl, path));
        request.Headers.TryAddWithoutValidation("Origin", "http://some-browser-client.example");
        using var response = await http.SendAsync(request);
        var mirrored = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(provider.GetProperty("issuer").GetString(), mirrored.GetProperty("issuer").GetString());
        Assert.Equal(provider.GetProperty("authorization_endpoint").GetString(), mirrored.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(provider.GetProperty("token_endpoint").GetString(), mirrored.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], Strings(mirrored, "code_challenge_methods_supported"));
        // Public metadata: readable by browser clients from any origin.
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private static string[] Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
