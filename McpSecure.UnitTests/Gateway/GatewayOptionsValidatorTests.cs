using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.TokenValidation;

namespace McpSecure.UnitTests.Gateway;

public sealed class GatewayOptionsValidatorTests
{
    private static GatewayOptions Valid() => new()
    {
        PublicBaseUrl = new Uri("https://mcp.example.com"),
        UpstreamUrl = new Uri("http://prometheus-mcp"),
        AuthorizationServer = { Issuer = "https://idp.example.com/realms/mcpsecure" },
        IdentityForwarding = { SigningKey = new string('k', 32) },
    };

    private static IReadOnlyList<string> Failures(Action<GatewayOptions> change)
    {
        var options = Valid();
        change(options);
        return new GatewayOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void Valid_configuration_passes()
    {
        Assert.True(new GatewayOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Missing_required_keys_are_each_named()
    {
        var failures = Failures(o =>
        {
            o.PublicBaseUrl = null;
            o.UpstreamUrl = null;
            o.AuthorizationServer.Issuer = null;
            o.IdentityForwarding.SigningKey = null;
        });

        Assert.Collection(failures,
            f => Assert.StartsWith("Gateway:PublicBaseUrl is required", f),
            f => Assert.StartsWith("Gateway:UpstreamUrl is required", f),
            f => Assert.StartsWith("Gateway:IdentityForwarding:SigningKey is required, at least 32 bytes", f),
            f => Assert.StartsWith("Gateway:AuthorizationServer:Issuer is required", f));
    }

    [Theory]
    [InlineData("https://mcp.example.com/mcp", "must be an absolute http(s) origin without path")]
    [InlineData("ftp://mcp.example.com", "must be an absolute http(s) origin without path")]
    [InlineData("http://mcp.example.com", "uses plain http on a non-loopback host")]
    public void Public_base_url_must_be_a_safe_origin(string url, string problem)
    {
        var failure = Assert.Single(Failures(o => o.PublicBaseUrl = new Uri(url)));

        Assert.StartsWith("Gateway:PublicBaseUrl", failure);
        Assert.Contains(problem, failure);
    }

    [Fact]
    public void Plain_http_on_loopback_is_allowed_for_development()
    {
        Assert.Empty(Failures(o =>
        {
            o.PublicBaseUrl = new Uri("http://localhost:5100");
            o.AuthorizationServer.Issuer = "http://127.0.0.1:5101/";
        }));
    }

    [Theory]
    [InlineData("mcp")]
    [InlineData("/mcp/")]
    [InlineData("/")]
    [InlineData("/mcp?x=1")]
    public void Resource_path_must_start_with_a_slash_and_not_end_with_one(string path)
    {
        Assert.Equal("Gateway:ResourcePath must start with '/' and not end with '/'.", Assert.Single(Failures(o => o.ResourcePath = path)));
    }

    [Theory]
    [InlineData("idp.example.com", "must be an absolute http(s) URL without query or fragment")]
    [InlineData("https://idp.example.com/?realm=x", "must be an absolute http(s) URL without query or fragment")]
    [InlineData("http://idp.example.com", "Gateway:AuthorizationServer:MetadataAddress")]
    public void Issuer_must_be_a_safe_url(string issuer, string problem)
    {
        var failure = Assert.Single(Failures(o => o.AuthorizationServer.Issuer = issuer));

        Assert.StartsWith("Gateway:AuthorizationServer:Issuer", failure);
        Assert.Contains(problem, failure);
    }

    [Fact]
    public void Signing_key_shorter_than_32_bytes_is_refused()
    {
        Assert.StartsWith("Gateway:IdentityForwarding:SigningKey", Assert.Single(Failures(o => o.IdentityForwarding.SigningKey = new string('k', 31))));
    }

    [Fact]
    public void Introspection_needs_the_gateways_client_credentials()
    {
        var failure = Assert.Single(Failures(o => o.TokenValidation.Mode = TokenValidationMode.Introspection));

        Assert.StartsWith("Gateway:TokenValidation:ClientId and Gateway:TokenValidation:ClientSecret are required in Introspection mode", failure);
        Assert.Empty(Failures(o =>
        {
            o.TokenValidation.Mode = TokenValidationMode.Introspection;
            o.TokenValidation.ClientId = "mcp-gateway";
            o.TokenValidation.ClientSecret = "secret";
        }));
    }

    [Fact]
    public void Userinfo_mode_refuses_required_scopes_it_cannot_check()
    {
        var failure = Assert.Single(Failures(o =>
        {
            o.TokenValidation.Mode = TokenValidationMode.UserInfo;
            o.RequiredScopes = ["mcp:tools"];
        }));

        Assert.StartsWith("Gateway:TokenValidation:Mode=UserInfo cannot check Gateway:RequiredScopes", failure);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("01:00:01")]
    public void Cache_duration_is_at_most_an_hour(string duration)
    {
        var failure = Assert.Single(Failures(o => o.TokenValidation.CacheDuration = TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.StartsWith("Gateway:TokenValidation:CacheDuration must be between 00:00:00 and 01:00:00", failure);
    }

    [Fact]
    public void Each_bad_trusted_proxy_is_named()
    {
        var failures = Failures(o => o.TrustedProxies = ["10.0.0.1", "10.0.0.0/33", "proxy.local"]);

        Assert.Equal(["Gateway:TrustedProxies: '10.0.0.0/33' is not a CIDR range.", "Gateway:TrustedProxies: 'proxy.local' is not an IP address."], failures);
    }
}
