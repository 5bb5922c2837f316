using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The provider rotates its signing keys while the gateway runs: a token signed with a key published after the
/// gateway started is accepted without a restart, and the keys are re-read after
/// <c>Gateway:AuthorizationServer:KeyCacheLifetime</c> so that a withdrawn key stops being accepted.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task A_token_signed_with_a_key_published_later_is_accepted_without_a_restart()
    {
        await using var app = new GatewayApp();
        app.Settings["Gateway:AuthorizationServer:KeyRefreshInterval"] = "00:00:01";
        var next = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-next" };
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: new SigningCredentials(next, SecurityAlgorithms.RsaSha256));

        Assert.Equal(HttpStatusCode.OK, await SendAsync(app, FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri)));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(app, token)); // not published yet

        app.Provider.AdditionalKeys.Add(next);
        var status = HttpStatusCode.Unauthorized;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(300);
            status = await SendAsync(app, token);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_withdrawn_key_is_refused_once_the_keys_are_re_read()
    {
        await using var app = new GatewayApp();
        app.Settings["Gateway:AuthorizationServer:KeyRefreshInterval"] = "00:00:01";
        app.Settings["Gateway:TokenValidation:CacheDuration"] = "00:00:00";
        var withdrawn = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rsa-withdrawn" };
        app.Provider.AdditionalKeys.Add(withdrawn);
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: new SigningCredentials(withdrawn, SecurityAlgorithms.RsaSha256));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(app, token));

        app.Provider.AdditionalKeys.Remove(withdrawn);
        var jwt = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var status = HttpStatusCode.OK;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            // What the KeyCacheLifetime timer does when it falls due (its length is checked below). Without
            // WithdrawnKeysPostConfigureOptions, IdentityModel's last-known-good key sets kept this token accepted.
            jwt.ConfigurationManager!.RequestRefresh();
            await Task.Delay(300);
            status = await SendAsync(app, token);
        }

        var keys = string.Join(",", (await jwt.ConfigurationManager!.GetConfigurationAsync(default)).SigningKeys.Select(k => k.KeyId));
        Assert.True(status == HttpStatusCode.Unauthorized, $"{status}; keys now {keys}; discovery requests {app.Provider.DiscoveryRequests}");
        Assert.Equal(HttpStatusCode.OK, await SendAsync(app, FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri)));
    }

    [Fact]
    public void The_keys_are_re_read_after_the_configured_lifetime_and_unknown_keys_at_most_once_per_refresh_interval()
    {
        using var app = new GatewayApp();
        app.Settings["Gateway:AuthorizationServer:KeyCacheLifetime"] = "00:07:00";
        app.Settings["Gateway:AuthorizationServer:KeyRefreshInterval"] = "00:00:20";

        var jwt = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.Equal(TimeSpan.FromMinutes(7), jwt.AutomaticRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), jwt.RefreshInterval);
        Assert.True(jwt.RefreshOnIssuerKeyNotFound);
    }

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("2.00:00:00")]
    public void A_key_lifetime_the_jwt_handler_cannot_honour_is_refused_naming_the_key(string lifetime)
    {
        var options = new GatewayOptions
        {
            PublicBaseUrl = new Uri("https://mcp.example.com"),
            UpstreamUrl = new Uri("http://mcp-server"),
            AuthorizationServer = { Issuer = "https://idp.example.com/", KeyCacheLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture) },
            IdentityForwarding = { SigningKey = new string('k', 32) },
        };

        var failure = Assert.Single(new GatewayOptionsValidator().Validate(null, options).Failures ?? []);

        Assert.StartsWith("Gateway:AuthorizationServer:KeyCacheLifetime must be between 00:05:00 and 1.00:00:00", failure);
    }

    private static async Task<HttpStatusCode> SendAsync(GatewayApp app, string token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
