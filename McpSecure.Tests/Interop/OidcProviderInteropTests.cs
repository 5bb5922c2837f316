using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The protected path against a second, independent OIDC provider (npm <c>oidc-provider</c>), configured only through
/// McpSecure:ExternalIssuer and McpSecure:ExternalPublicClientId: discovery (mirrored unchanged: the gateway hands out no
/// client id), a real PKCE login with the pre-registered client and a resource indicator, and MCP calls through the gateway.
/// </summary>
[Collection(OidcProviderAppsCollection.Name)]
public sealed class OidcProviderInteropTests(OidcProviderAppsFixture apps)
{
    private ExternalProviderAppFixture Fixture => apps.ExternalProvider;

    [Fact]
    public void Gateway_answers_503_with_a_clear_error_while_the_provider_is_unreachable()
    {
        var (status, retryAfter, body) = Fixture.MetadataWhileProviderDown;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotNull(retryAfter);
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());
        Assert.StartsWith($"The authorization server {Fixture.Issuer} is unreachable: ", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Protected_resource_metadata_names_the_external_issuer_exactly()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(Fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp"));

        Assert.Equal(Fixture.McpUrl.AbsoluteUri, metadata.GetProperty("resource").GetString());
        Assert.Equal(Fixture.Issuer, Assert.Single(metadata.GetProperty("authorization_servers").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Gateway_mirrors_the_provider_metadata_unchanged_and_hands_out_no_client_id()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var provider = await http.GetFromJsonAsync<JsonElement>($"{Fixture.Issuer}/.well-known/openid-configuration");
        Assert.False(provider.TryGetProperty("registration_endpoint", out _), "the provider itself must not offer registration here");

        var mirrored = await http.GetFromJsonAsync<JsonElement>(new Uri(Fixture.GatewayUrl, "/.well-known/oauth-authorization-server"));
        using var registration = await http.PostAsync(new Uri(Fixture.GatewayUrl, "/oauth/register"), new StringContent(
            """{"redirect_uris":["http://127.0.0.1:43210/callback"],"token_endpoint_auth_method":"none"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(Fixture.Issuer, mirrored.GetProperty("issuer").GetString());
        Assert.Equal(provider.GetProperty("token_endpoint").GetString(), mirrored.GetProperty("token_endpoint").GetString());
        // MCP 2026-07-28: a proxy with a static client id must ask for consent per registered client; the gateway hands none out.
        Assert.False(mirrored.TryGetProperty("registration_endpoint", out _), "the gateway must not advertise a registration endpoint of its own");
        Assert.False(registration.IsSuccessStatusCode, $"the gateway answered a registration with {(int)registration.StatusCode}");
    }

    [Fact]
    public async Task Token_from_the_second_provider_calls_the_mcp_server_through_the_gateway()
    {
        // The client pre-registered at the provider, configured in the client as its own static client id.
        var clientId = ExternalProviderAppFixture.PublicClientId;

        var token = await PkceLogin.GetTokenAsync(new Uri(Fixture.Issuer), Fixture.McpUrl.AbsoluteUri, "carol", "any-dev-password",
            scopes: "openid mcp:tools prometheus:read", clientId: clientId);

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal([Fixture.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal(Fixture.Issuer, jwt.Issuer);

        await using var client = await McpConnection.ConnectAsync(Fixture.McpUrl, token.AccessToken);
        Assert.Contains(await client.ListToolsAsync(), t => t.Name == "execute_query");
        var up = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up{job=\"prometheus\"}" });
        Assert.Matches("""up\{[^}]*job="prometheus"[^}]*\} 1""", McpAssert.SingleText(up));
        var whoami = await client.CallToolAsync("whoami");
        Assert.Contains("subject: carol", McpAssert.SingleText(whoami));
    }
}
