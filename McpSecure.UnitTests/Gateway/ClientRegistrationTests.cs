using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace McpSecure.UnitTests.Gateway;

/// <summary>RFC 7591 registration on behalf of a provider that has none, through the gateway's pipeline.</summary>
public sealed class ClientRegistrationTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [Fact]
    public async Task Loopback_client_gets_the_pre_registered_public_client_and_the_metadata_advertises_the_endpoint()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/oauth/register",
            new { redirect_uris = new[] { "http://127.0.0.1:53682/callback" }, token_endpoint_auth_method = "client_secret_basic" });
        using var metadata = JsonDocument.Parse(await client.GetStringAsync("/.well-known/oauth-authorization-server"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var registered = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(GatewayApp.PreRegisteredClientId, registered.RootElement.GetProperty("client_id").GetString());
        Assert.Equal("none", registered.RootElement.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal($"{GatewayApp.PublicBaseUrl}/oauth/register", metadata.RootElement.GetProperty("registration_endpoint").GetString());
    }

    [Theory]
    [InlineData("""{"redirect_uris":["https://evil.test/callback"]}""", "invalid_redirect_uri", "Gateway:ClientRegistration:AllowedRedirectUris")]
    [InlineData("""{"redirect_uris":[]}""", "invalid_redirect_uri", "redirect_uris must be a non-empty array")]
    [InlineData("""{"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata", "private_key_jwt")]
    [InlineData("""not json""", "invalid_client_metadata", "not valid JSON")]
    public async Task Unacceptable_registration_gets_400_with_the_rfc_7591_error(string body, string error, string mentioned)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/oauth/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, description) = await GatewayPipelineTests.ErrorAsync(response);
        Assert.Equal(error, code);
        Assert.Contains(mentioned, description);
    }
}
