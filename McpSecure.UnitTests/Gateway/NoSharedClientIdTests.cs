using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Registration;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The gateway hands out no client id (MCP 2026-07-28: a proxy with a static client id must ask each dynamically
/// registered client's user for consent, and the gateway has no page to ask on): no registration endpoint, none added to
/// the mirrored metadata, and the old setting stops the gateway at start-up with what to do instead.
/// </summary>
public sealed class NoSharedClientIdTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [Fact]
    public async Task The_gateway_answers_no_registration_and_its_metadata_mirror_adds_no_registration_endpoint()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/oauth/register", new { redirect_uris = new[] { "http://127.0.0.1:53682/callback" } });
        using var metadata = JsonDocument.Parse(await client.GetStringAsync("/.well-known/oauth-authorization-server"));

        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.IsSuccessStatusCode);
        Assert.False(metadata.RootElement.TryGetProperty("registration_endpoint", out _), "The fake provider has no registration endpoint; the mirror must not invent one.");
        Assert.Equal(FakeIdentityProvider.Issuer, metadata.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public void The_retired_shared_client_setting_is_refused_at_start_up_naming_the_key_and_the_alternatives()
    {
        var options = new GatewayOptions
        {
            PublicBaseUrl = new Uri("https://mcp.example.com"),
            UpstreamUrl = new Uri("http://mcp-server"),
            AuthorizationServer = { Issuer = "https://idp.example.com/" },
            IdentityForwarding = { SigningKey = new string('k', 32) },
            ClientRegistration = { ClientId = "shared-public-client" },
        };

        var failure = Assert.Single(new GatewayOptionsValidator().Validate(null, options).Failures ?? []);

        Assert.Equal(ClientRegistrationOptions.RetiredMessage, failure);
        Assert.Contains("Gateway:ClientRegistration:ClientId", failure);
        Assert.Contains("Client ID Metadata Documents", failure);
        Assert.Contains("federation mode", failure);
    }

    [Fact]
    public async Task The_protected_resource_metadata_never_advertises_offline_access()
    {
        using var factory = new GatewayApp();
        factory.Settings["Gateway:ScopesSupported:0"] = "openid";
        factory.Settings["Gateway:ScopesSupported:1"] = "offline_access";
        factory.Settings["Gateway:ScopesSupported:2"] = "mcp:tools";
        using var client = factory.CreateClient();

        using var metadata = JsonDocument.Parse(await client.GetStringAsync("/.well-known/oauth-protected-resource/mcp"));

        var advertised = metadata.RootElement.GetProperty("scopes_supported").EnumerateArray().Select(scope => scope.GetString()).ToList();
        Assert.DoesNotContain("offline_access", advertised); // configured, yet not advertised
        Assert.Contains("openid", advertised);
        Assert.Contains("mcp:tools", advertised);
    }
}
