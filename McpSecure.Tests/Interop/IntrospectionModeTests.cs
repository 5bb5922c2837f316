using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Interop;

/// <summary>Opaque access tokens checked by RFC 7662 introspection at the provider, with a bounded cache.</summary>
[Collection(OidcProviderAppsCollection.Name)]
public sealed class IntrospectionModeTests(OidcProviderAppsFixture apps)
{
    private IntrospectionAppFixture Fixture => apps.Introspection;

    [Fact]
    public async Task Opaque_token_is_introspected_and_calls_the_mcp_server()
    {
        var token = await LoginAsync();
        Assert.DoesNotContain('.', token); // opaque, not a JWT: only introspection can check it

        await using var client = await McpConnection.ConnectAsync(Fixture.McpUrl, token);
        var whoami = await client.CallToolAsync("whoami");
        var text = McpAssert.SingleText(whoami);
        Assert.Contains("subject: dave", text);
        Assert.Contains("mcp:tools", text);
    }

    [Fact]
    public async Task Revoked_token_is_refused_once_the_cached_verdict_expires()
    {
        var token = await LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await PostInitializeAsync(token)).Status);

        using var http = EmbeddedAppFixture.CreateRawClient();
        var discovery = await http.GetFromJsonAsync<JsonElement>($"{Fixture.Issuer}/.well-known/openid-configuration");
        using var revoked = await http.PostAsync(discovery.GetProperty("revocation_endpoint").GetString(), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["token"] = token, ["client_id"] = "mcp-client", ["token_type_hint"] = "access_token" }));
        Assert.True(revoked.IsSuccessStatusCode, $"revocation failed: {(int)revoked.StatusCode}");

        await Task.Delay(IntrospectionAppFixture.CacheDuration + TimeSpan.FromSeconds(1));
        var (status, challenge) = await PostInitializeAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("error=\"invalid_token\"", challenge);
        Assert.Contains("not active", challenge);
    }

    [Fact]
    public async Task Unknown_opaque_token_is_refused_as_not_active()
    {
        var (status, challenge) = await PostInitializeAsync("made-up-opaque-token");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("error_description=\"The token is not active: the authorization server reports it expired, revoked or unknown.\"", challenge);
    }

    private async Task<(HttpStatusCode Status, string Challenge)> PostInitializeAsync(string token)
    {
        var answer = await McpHttp.InitializeAsync(Fixture.McpUrl, token);
        return (answer.Status, answer.Challenge);
    }

    private async Task<string> LoginAsync() =>
        (await PkceLogin.GetTokenAsync(new Uri(Fixture.Issuer), Fixture.McpUrl.AbsoluteUri, "dave", "any-dev-password", scopes: "openid mcp:tools")).AccessToken;
}
