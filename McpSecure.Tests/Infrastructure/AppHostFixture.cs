using System.Diagnostics;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// What every fixture that starts the real AppHost once for its tests has in common: a data folder of its own, one
/// start-up deadline, the app (<see cref="App"/>) and its URLs, the processes and servers it started beside the app,
/// disposed in the reverse order of their start even when a start failed, and a diagnostic line with the start-up
/// time (<c>McpSecure.Tests: app start &lt;fixture&gt;: N s</c>), so that a run's log lists every app start.
/// </summary>
public abstract class AppHostFixture(IMessageSink diagnostics, string dataFolderPrefix) : IAsyncLifetime
{
    protected static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly Stack<IAsyncDisposable> _started = new();
    private RunningApp? _app;

    /// <summary>The app this fixture started (the first built, when it started more than one).</summary>
    public DistributedApplication App => (_app ?? throw new InvalidOperationException($"{GetType().Name} has started no app.")).App;

    public string DataPath { get; } = Directory.CreateTempSubdirectory(dataFolderPrefix).FullName;
    public Uri GatewayUrl => _app!.GatewayUrl;
    public Uri McpUrl => _app!.McpUrl;
    public Uri IdentityUrl => _app!.IdentityUrl;

    /// <summary>McpSecure.Identity's issuer, as in its tokens (OpenIddict's trailing slash).</summary>
    public string Issuer => _app!.Issuer;

    /// <summary>Starts the app and whatever it needs; everything given to <see cref="Own{T}"/> or started with <see cref="StartAppAsync"/> is disposed.</summary>
    protected abstract Task StartAsync(CancellationToken cancellationToken);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(StartTimeout);
        try
        {
            await StartAsync(cts.Token);
        }
        catch
        {
            // What did start is stopped before the failure is reported (disposing again later does nothing).
            await DisposeAsync();
            throw;
        }
        diagnostics.OnMessage(new DiagnosticMessage($"McpSecure.Tests: app start {GetType().Name}: {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Keeps <paramref name="started"/> to dispose with the fixture (last started, first disposed).</summary>
    protected T Own<T>(T started) where T : IAsyncDisposable
    {
        lock (_started)
        {
            _started.Push(started);
        }
        return started;
    }

    /// <summary>Builds and starts the app, waits until the gateway is healthy; <paramref name="beforeStart"/> sees the built app first (e.g. to collect logs).</summary>
    protected async Task<RunningApp> StartAppAsync(IDistributedApplicationTestingBuilder builder, CancellationToken cancellationToken,
        Action<DistributedApplication>? beforeStart = null)
    {
        var app = Own(new RunningApp(await builder.BuildAsync(cancellationToken)));
        Interlocked.CompareExchange(ref _app, app, null);
        beforeStart?.Invoke(app.App);
        await app.App.StartAsync(cancellationToken);
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellationToken);
        return app;
    }

    public async Task DisposeAsync()
    {
        while (_started.TryPop(out var started))
        {
            await started.DisposeAsync();
        }
        TempFolder.TryDelete(DataPath);
    }
}
