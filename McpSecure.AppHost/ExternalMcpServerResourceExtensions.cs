using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;

namespace McpSecure.AppHost;

/// <summary>An MCP server that exists already (<c>--server external</c>), protected by the gateway without any change.</summary>
internal static class ExternalMcpServerResourceExtensions
{
    /// <summary>
    /// The upstream the gateway proxies to: a container (Containers mode, <see cref="UpstreamOptions.Image"/>), a
    /// process (Embedded mode, <see cref="UpstreamOptions.Command"/>), or, when neither applies, the URL of a server
    /// that runs elsewhere (<see cref="UpstreamOptions.Url"/>).
    /// </summary>
    public static ExternalMcpServer AddExternalMcpServer(this IDistributedApplicationBuilder builder, HostingMode mode, UpstreamOptions upstream)
    {
        if (mode == HostingMode.Containers && upstream.Image is { } image)
        {
            var container = builder.AddContainer(AppModelNames.Resources.McpServer, image)
                .WithArgs(upstream.Arguments)
                .WithHttpEndpoint(targetPort: upstream.ContainerPort, name: AppModelNames.Endpoints.Http, env: upstream.PortVariable);
            return new ExternalMcpServer(container, Endpoint(container, upstream));
        }
        if (upstream.Command is { } command)
        {
            var workingDirectory = Path.GetFullPath(upstream.WorkingDirectory ?? ".", builder.AppHostDirectory);
            var process = builder.AddExecutable(AppModelNames.Resources.McpServer, command, workingDirectory, upstream.Arguments)
                .WithHttpEndpoint(name: AppModelNames.Endpoints.Http, env: upstream.PortVariable);
            return new ExternalMcpServer(process, Endpoint(process, upstream));
        }
        if (Uri.TryCreate(upstream.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return new ExternalMcpServer(null, ReferenceExpression.Create($"{url.AbsoluteUri}"));
        }
        throw new InvalidOperationException(upstream.Url is null
            ? $"{Key(nameof(upstream.Url))} is required: the MCP endpoint of the server to protect (or {Key(nameof(upstream.Command))} " +
              $"to start it in Embedded mode, {Key(nameof(upstream.Image))} in Containers mode)."
            : $"{Key(nameof(upstream.Url))} must be an absolute http or https URL (found '{upstream.Url}').");
    }

    private static string Key(string property) => $"{AppHostOptions.SectionName}:{UpstreamOptions.SectionName}:{property}";

    private static ReferenceExpression Endpoint<T>(IResourceBuilder<T> server, UpstreamOptions upstream) where T : IResourceWithEndpoints =>
        ReferenceExpression.Create($"{server.GetEndpoint(AppModelNames.Endpoints.Http)}{upstream.Path}");
}
