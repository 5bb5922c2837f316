using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;
using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

/// <summary>
/// The app models the template produces, wired as AppHost.cs wires them, built for a publish (never run), and what
/// <see cref="AppModelReader"/> reads from them.
/// </summary>
internal static class PublishedApps
{
    public static readonly AppHostOptions Options = new() { DataPath = Path.GetTempPath() };

#if (!ExcludePrometheusServer)
    /// <summary>The MCP server of this app's choice, as a workload of the chart.</summary>
    public const string McpServer = "prometheus-mcp";

    /// <summary>This app's choice, with an MCP server the chart runs.</summary>
    public static Task<ChartApplication> TheAppAsync() => PrometheusAsync();
#elif (!ExcludeBlankServer)
    public const string McpServer = "mcp-server";

    public static Task<ChartApplication> TheAppAsync() => BlankAsync();
#else
    public const string McpServer = "mcp-server";

    public static Task<ChartApplication> TheAppAsync() => ExternalAsync(new UpstreamOptions { Image = "docker.io/mcp/everything", ContainerPort = 3001 });
#endif

    public static string McpServerValuesKey => McpServer.Replace('-', '_');
#if (!ExcludePrometheusServer)

    /// <summary><c>--server prometheus</c> (the default).</summary>
    public static Task<ChartApplication> PrometheusAsync() => ReadAsync((builder, gateway, identity) =>
    {
        var prometheus = builder.AddPrometheus(HostingMode.Containers, Options.DataPath);
        gateway.WithMcpUpstream(builder.AddPrometheusMcp(prometheus)).WithAuthorizationServer(identity, Options).WithDevelopmentBrowserOrigins();
    });
#endif
#if (!ExcludeBlankServer)

    /// <summary><c>--server blank</c> with <c>McpSecure:Redis</c>: the gateway's per-user limit shared through Redis.</summary>
    public static Task<ChartApplication> BlankWithRedisAsync() => ReadAsync((builder, gateway, identity) =>
        gateway.WithMcpUpstream(builder.AddMcpServer()).WithAuthorizationServer(identity, Options).WithDevelopmentBrowserOrigins()
            .WithSharedRateLimit(builder.AddRateLimitRedis(HostingMode.Containers, Options.DataPath)));

    /// <summary><c>--server blank</c>: McpSecure.McpServer.</summary>
    public static Task<ChartApplication> BlankAsync() => ReadAsync((builder, gateway, identity) =>
        gateway.WithMcpUpstream(builder.AddMcpServer()).WithAuthorizationServer(identity, Options).WithDevelopmentBrowserOrigins());
#endif
#if (!ExcludeExternalServer)

    /// <summary><c>--server external</c>: a server that runs elsewhere, or an image the app runs.</summary>
    public static Task<ChartApplication> ExternalAsync(UpstreamOptions upstream) => ReadAsync((builder, gateway, identity) =>
        gateway.WithMcpUpstream(builder.AddExternalMcpServer(HostingMode.Containers, upstream)).WithAuthorizationServer(identity, Options).WithDevelopmentBrowserOrigins());
#endif

    private static async Task<ChartApplication> ReadAsync(Action<IDistributedApplicationBuilder, IResourceBuilder<ProjectResource>, IdentityProvider> wire)
    {
        var builder = AppModel.CreateBuilder("--operation", "publish");
        var gateway = builder.AddGateway(Options);
        var identity = builder.AddIdentityProvider(HostingMode.Containers, Options, gateway.ProtectedResource());
        wire(builder, gateway, identity);
        return await AppModelReader.ReadAsync(new DistributedApplicationModel(builder.Resources), builder.ExecutionContext, CancellationToken.None);
    }
}
