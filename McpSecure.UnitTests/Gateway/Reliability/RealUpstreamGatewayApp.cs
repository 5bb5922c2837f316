using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Discovery;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// The real gateway in process, like <see cref="GatewayApp"/>, but proxying over a real socket with its own YARP
/// client (time limits, health checks) to <paramref name="upstream"/> instead of the in-memory fake.
/// </summary>
internal sealed class RealUpstreamGatewayApp(Uri upstream, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<GatewayOptions>
{
    public FakeIdentityProvider Provider { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["Gateway:PublicBaseUrl"] = GatewayApp.PublicBaseUrl,
            ["Gateway:UpstreamUrl"] = upstream.AbsoluteUri,
            ["Gateway:AuthorizationServer:Issuer"] = FakeIdentityProvider.Issuer,
            ["Gateway:IdentityForwarding:SigningKey"] = GatewayApp.SigningKey,
            ["Gateway:RequiredScopes:0"] = "mcp:tools",
            ["Gateway:Upstream:ResponseHeadersTimeout"] = "00:00:01",
            ["Gateway:Upstream:UnavailablePeriod"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(all));
        builder.ConfigureTestServices(services =>
        {
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = Provider);
            services.AddHttpClient(AuthorizationServerMetadataCache.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Provider);
        });
    }

    /// <summary>POST /mcp with a valid token, timed.</summary>
    public async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> PostMcpAsync()
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri));
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
