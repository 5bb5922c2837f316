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

    /// <summary><c>--server prometheus</c> (the default).</summary>
    public static Task<ChartApplication> PrometheusAsync() => ReadAsync((builder, gateway, identity) =>
    {
        var prometheus = builder.AddPrometheus(HostingMode.Containers, Options.DataPath);
        gateway.WithMcpUpstream(builder.AddPrometheusMcp(prometheus)).WithAuthorizationServer(identity, Options).WithDevelopmentBrowserOrigins();
    });

    /// <summary><c>--server blank</c>: McpSecure.McpServer.</summary>
    public static Task<ChartApplication> BlankAsync() => ReadAsync((builder, gateway, identity) =>
        gateway.WithMcpUpstream(builder.AddMcpServer()).WithAuthorizationServer(identity, Options));

    /// <summary><c>--server external</c>: a server that runs elsewhere, or an image the app runs.</summary>
    public static Task<ChartApplication> ExternalAsync(UpstreamOptions upstream) => ReadAsync((builder, gateway, identity) =>
        gateway.WithMcpUpstream(builder.AddExternalMcpServer(HostingMode.Containers, upstream)).WithAuthorizationServer(identity, Options));

    private static async Task<ChartApplication> ReadAsync(Action<IDistributedApplicationBuilder, IResourceBuilder<ProjectResource>, IdentityProvider> wire)
    {
        var builder = AppModel.CreateBuilder("--operation", "publish");
        var gateway = builder.AddGateway(Options);
        var identity = builder.AddIdentityProvider(HostingMode.Containers, Options, gateway.ProtectedResource());
        wire(builder, gateway, identity);
        return await AppModelReader.ReadAsync(new DistributedApplicationModel(builder.Resources), builder.ExecutionContext, CancellationToken.None);
    }
}
