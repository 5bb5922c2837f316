using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The real AppHost in Embedded mode with the Aspire dashboard switched on, as F5 / <c>aspire run</c> starts it
/// (DistributedApplicationTestingBuilder turns the dashboard off by default). The dashboard runs with a browser
/// token like in development, over plain HTTP like the AppHost's <c>http</c> launch profile.
/// </summary>
public sealed class AppWithDashboard : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly string[] ServiceResources = ["identity", "prometheus", "prometheus-mcp", "gateway"];

    private readonly string _dataPath;

    private AppWithDashboard(DistributedApplication app, string dataPath)
    {
        App = app;
        _dataPath = dataPath;
    }

    public DistributedApplication App { get; }

    /// <summary>The login link the AppHost prints on start (dashboard URL plus its one-time browser token).</summary>
    public Uri DashboardLoginUrl
    {
        get
        {
            var token = App.Services.GetRequiredService<IConfiguration>()["AppHost:BrowserToken"]
                ?? throw new InvalidOperationException("The AppHost generated no dashboard browser token (AppHost:BrowserToken).");
            return new Uri(App.GetEndpoint("aspire-dashboard", "http"), $"/login?t={Uri.EscapeDataString(token)}");
        }
    }

    /// <summary>Starts the app and waits until every service resource reports healthy.</summary>
    public static async Task<AppWithDashboard> StartAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var dataPath = Directory.CreateTempSubdirectory("mcpsecure-dashboard-").FullName;
        // The dashboard's own addresses as the http launch profile sets them; the testing builder proxies them
        // behind random ports, so free ports here only keep them clear of anything else on the machine.
        var builder = await TestAppHost.CreateEmbeddedAsync(dataPath,
        [
            $"--ASPNETCORE_URLS=http://localhost:{Loopback.FreeTcpPort()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{Loopback.FreeTcpPort()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{Loopback.FreeTcpPort()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
        ], cts.Token, configure: (options, _) => options.DisableDashboard = false);

        var app = await builder.BuildAsync(cts.Token);
        var started = new AppWithDashboard(app, dataPath);
        try
        {
            await app.StartAsync(cts.Token);
            foreach (var resource in ServiceResources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            }
            await app.ResourceNotifications.WaitForResourceAsync("aspire-dashboard", KnownResourceStates.Running, cts.Token);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TempFolder.TryDelete(_dataPath);
    }
}
