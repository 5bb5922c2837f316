using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// The gateway on a real Kestrel (loopback, random port), for what TestServer does not do: Kestrel's limits (sizes,
/// slow clients), its request parsing (raw paths, chunked framing), real sockets. The upstream stays in memory.
/// </summary>
internal sealed class KestrelGateway : IDisposable
{
    private readonly WebApplicationFactory<McpSecure.Gateway.Configuration.GatewayOptions> _server;

    public KestrelGateway(GatewayApp gateway, IForwarderHttpClientFactory upstream)
    {
        _server = gateway.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton(upstream)));
        // A port of our own (UseKestrel(0) falls back to 5000, which another app or test may hold).
        _server.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        _server.StartServer();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal)).Port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public IServiceProvider Services => _server.Services;

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => _server.Dispose();
}
