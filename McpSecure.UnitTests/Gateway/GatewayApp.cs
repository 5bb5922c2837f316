using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Discovery;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The real gateway (its Program, its configuration validation, its pipeline) on a TestServer, trusting
/// <see cref="FakeIdentityProvider"/>, in front of <see cref="FakeUpstream"/> in memory or, with
/// <see cref="InFrontOf"/>, of a real upstream over a socket through the gateway's own YARP client (its time limits
/// and health checks).
/// </summary>
public sealed class GatewayApp : WebApplicationFactory<GatewayOptions>
{
    public const string PublicBaseUrl = "http://localhost";
    public const string ResourceUri = PublicBaseUrl + "/mcp";
    public const string SigningKey = "unit-test-identity-forwarding-key-0123456789";
    public const string AllowedOrigin = "http://inspector.test";

    internal FakeIdentityProvider Provider { get; } = new();
    internal FakeUpstream Upstream { get; } = new();

    /// <summary>True when requests go to the URL in <c>Gateway:UpstreamUrl</c> instead of <see cref="Upstream"/>.</summary>
    private bool UsesRealUpstream { get; init; }

    /// <summary>A gateway that proxies to <paramref name="upstream"/> over a real socket.</summary>
    internal static GatewayApp InFrontOf(Uri upstream, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new GatewayApp { UsesRealUpstream = true };
        app.Settings["Gateway:UpstreamUrl"] = upstream.AbsoluteUri;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }
        return app;
    }

    /// <summary>Services replaced after the app's own (e.g. a fake rate-limit store).</summary>
    internal Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Settings over the defaults below; a null value removes a default.</summary>
    internal Dictionary<string, string?> Settings { get; } = new()
    {
        ["Gateway:PublicBaseUrl"] = PublicBaseUrl,
        ["Gateway:UpstreamUrl"] = "http://upstream.test",
        ["Gateway:AuthorizationServer:Issuer"] = FakeIdentityProvider.Issuer,
        ["Gateway:IdentityForwarding:SigningKey"] = SigningKey,
        ["Gateway:RequiredScopes:0"] = "mcp:tools",
        ["Gateway:AllowedOrigins:0"] = AllowedOrigin,
        // The Prometheus server's tool rules, stated here so that these tests do not depend on which MCP server the
        // app ships with (the shipped rules have their own test).
        ["Gateway:ToolAccess:Tools:*:Scopes:0"] = "prometheus:read",
        ["Gateway:ToolAccess:Tools:get_tsdb_status:Scopes:0"] = "prometheus:admin",
        ["Gateway:ToolAccess:Tools:get_config:Scopes:0"] = "prometheus:admin",
        ["Gateway:ToolAccess:Tools:get_flags:Scopes:0"] = "prometheus:admin",
        ["Gateway:ToolAccess:Tools:whoami:Scopes:0"] = "mcp:tools",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            if (!UsesRealUpstream)
            {
                services.AddSingleton<IForwarderHttpClientFactory>(Upstream);
            }
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = Provider);
            services.AddHttpClient(AuthorizationServerMetadataCache.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Provider);
            TestServices?.Invoke(services);
        });
    }
}
