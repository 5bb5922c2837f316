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
/// McpSecure:ExternalIssuer and McpSecure:ExternalPublicClientId: discovery, the registration facade, a real PKCE
/// login with a resource indicator, and MCP calls through the gateway.
/// </summary>
public sealed class OidcProviderInteropTests(ExternalProviderAppFixture fixture) : IClassFixture<ExternalProviderAppFixture>
{
    [Fact]
    public void Gateway_answers_503_with_a_clear_error_while_the_provider_is_unreachable()
    {
        var (status, retryAfter, body) = fixture.MetadataWhileProviderDown;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotNull(retryAfter);
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());
        Assert.StartsWith($"The authorization server {fixture.Issuer} is unreachable: ", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Protected_resource_metadata_names_the_external_issuer_exactly()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp"));

        Assert.Equal(fixture.McpUrl.AbsoluteUri, metadata.GetProperty("resource").GetString());
        Assert.Equal(fixture.Issuer, Assert.Single(metadata.GetProperty("authorization_servers").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Gateway_mirrors_the_provider_metadata_and_advertises_its_own_registration_endpoint()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var provider = await http.GetFromJsonAsync<JsonElement>($"{fixture.Issuer}/.well-known/openid-configuration");
        Assert.False(provider.TryGetProperty("registration_endpoint", out _), "the provider itself must not offer registration here");

        var mirrored = await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.GatewayUrl, "/.well-known/oauth-authorization-server"));

        Assert.Equal(fixture.Issuer, mirrored.GetProperty("issuer").GetString());
        Assert.Equal(provider.GetProperty("token_endpoint").GetString(), mirrored.GetProperty("token_endpoint").GetString());
        Assert.Equal(new Uri(fixture.GatewayUrl, "/oauth/register").AbsoluteUri, mirrored.GetProperty("registration_endpoint").GetString());
    }

    [Theory]
    [InlineData("""{"redirect_uris":["http://127.0.0.1:43210/callback"],"client_name":"Test client","token_endpoint_auth_method":"none"}""", 201, null)]
    [InlineData("""{"redirect_uris":["http://localhost:5000/oauth/callback"]}""", 201, null)]
    [InlineData("""{"redirect_uris":["https://evil.example/callback"]}""", 400, "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":[]}""", 400, "invalid_redirect_uri")]
    [InlineData("""{"client_name":"no redirect"}""", 400, "invalid_redirect_uri")]
    [InlineData("""{"redirect_uris":["http://127.0.0.1:1/cb"],"token_endpoint_auth_method":"client_secret_basic"}""", 201, null)]
    [InlineData("""{"redirect_uris":["http://127.0.0.1:1/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", 400, "invalid_client_metadata")]
    [InlineData("""not json""", 400, "invalid_client_metadata")]
    public async Task Registration_facade_answers_rfc7591_requests_with_the_preregistered_public_client(string request, int status, string? error)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.PostAsync(new Uri(fixture.GatewayUrl, "/oauth/register"),
            new StringContent(request, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        if (error is null)
        {
            Assert.Equal(ExternalProviderAppFixture.PublicClientId, body.GetProperty("client_id").GetString());
            Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
            Assert.Equal(JsonDocument.Parse(request).RootElement.GetProperty("redirect_uris")[0].GetString(), body.GetProperty("redirect_uris")[0].GetString());
        }
        else
        {
            Assert.Equal(error, body.GetProperty("error").GetString());
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_description").GetString()));
        }
    }

    [Fact]
    public async Task Token_from_the_second_provider_calls_the_mcp_server_through_the_gateway()
    {
        // Register through the gateway as a client that knows only the URL would, then log in at the provider.
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var registration = await http.PostAsync(new Uri(fixture.GatewayUrl, "/oauth/register"), new StringContent(
            """{"redirect_uris":["http://127.0.0.1:40000/callback"],"token_endpoint_auth_method":"none"}""", Encoding.UTF8, "application/json"));
        var clientId = (await registration.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_id").GetString()!;

        var token = await PkceLogin.GetTokenAsync(new Uri(fixture.Issuer), fixture.McpUrl.AbsoluteUri, "carol", "any-dev-password",
            scopes: "openid mcp:tools prometheus:read", clientId: clientId);

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal([fixture.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal(fixture.Issuer, jwt.Issuer);

        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token.AccessToken);
        Assert.Contains(await client.ListToolsAsync(), t => t.Name == "execute_query");
        var up = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up{job=\"prometheus\"}" });
        Assert.Matches("""up\{[^}]*job="prometheus"[^}]*\} 1""", McpAssert.SingleText(up));
        var whoami = await client.CallToolAsync("whoami");
        Assert.Contains("subject: carol", McpAssert.SingleText(whoami));
    }
}
