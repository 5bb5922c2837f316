using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Gateway;

/// <summary>
/// The real AppHost whose gateway proxies, by configuration (<c>Gateway:UpstreamUrl</c>), to an upstream of the test's
/// own: it records what reaches it and answers with a server-sent-event stream whose second event is written only
/// after the client has received the first, so a buffering proxy cannot pass.
/// </summary>
public sealed class StreamingUpstreamFixture : IAsyncLifetime
{
    public const string UpstreamSessionId = "upstream-session-1";

    private WebApplication? _upstream;

    public DistributedApplication App { get; private set; } = null!;
    public string DataPath { get; } = Directory.CreateTempSubdirectory("mcpsecure-streaming-").FullName;
    public Uri McpUrl => new(App.GetEndpoint("gateway", "http"), "/mcp");
    public string Issuer => new Uri(App.GetEndpoint("identity", "http"), "/").AbsoluteUri;

    /// <summary>Forges tokens with the provider's real signing key (loaded once the provider has started).</summary>
    public TokenForge Forge { get; private set; } = null!;

    /// <summary>Headers of every request that reached the upstream.</summary>
    public ConcurrentQueue<IHeaderDictionary> Received { get; } = new();

    /// <summary>Completed by the test once it has read the first event; the upstream then writes the second.</summary>
    public TaskCompletionSource FirstEventSeen { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ResetStream() => FirstEventSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var upstream = WebApplication.CreateSlimBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0");
        _upstream = upstream.Build();
        // The gateway probes its upstream's health endpoint (as every MCP server of the app has one) and stops sending
        // to one that does not answer it.
        _upstream.MapGet("/health", () => "Healthy");
        _upstream.MapPost("/mcp", async context =>
        {
            Received.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["Mcp-Session-Id"] = UpstreamSessionId;
            await context.Response.WriteAsync("event: message\ndata: first\n\n");
            await context.Response.Body.FlushAsync();
            var seen = await Task.WhenAny(FirstEventSeen.Task, Task.Delay(TimeSpan.FromSeconds(15)));
            await context.Response.WriteAsync(seen == FirstEventSeen.Task
                ? "event: message\ndata: second\n\n"
                : "event: message\ndata: the client never saw the first event\n\n");
        });
        await _upstream.StartAsync();
        var upstreamUrl = _upstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, cancellationToken: cts.Token))
            .WithResourceEnvironment("gateway", "Gateway__UpstreamUrl", upstreamUrl);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        Forge = new TokenForge(Path.Combine(DataPath, "identity"), Issuer, McpUrl.AbsoluteUri);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
