using McpSecure.AppHost.Health;
using McpSecure.AppHost.Configuration;

namespace McpSecure.AppHost;

/// <summary>The gateway resource, and how it is wired to the MCP server it protects and to the provider it trusts.</summary>
internal static class GatewayResourceExtensions
{
    /// <summary>
    /// Browser origins of development tools that may call the gateway: MCP Inspector's web UI
    /// (https://github.com/modelcontextprotocol/inspector, port 6274).
    /// </summary>
    private static readonly string[] DevelopmentBrowserOrigins = ["http://localhost:6274", "http://127.0.0.1:6274"];

    /// <summary>
    /// The gateway on its fixed port, public, with the client configurations on its dashboard entry;
    /// <c>McpSecure:Gateway:Replicas</c> processes behind that port (Aspire's proxy owns the port and spreads
    /// connections over the replicas, each on a port of its own).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        var gateway = builder.AddProject<Projects.McpSecure_Gateway>(AppModelNames.Resources.Gateway, launchProfileName: null)
            .WithHttpEndpoint(port: options.GatewayPort, name: AppModelNames.Endpoints.Http)
            .WithExternalHttpEndpoints()
            .WithReadinessHealthCheck(AppModelNames.Paths.Health)
            .WithClientConfigurations(options.ExternalPublicClientId ?? IdentityProviderExtensions.PublicClientId)
            .WithGatewaySettings(options.Gateway);
        return options.Gateway.Replicas > 1 ? gateway.WithReplicas(options.Gateway.Replicas) : gateway;
    }

    /// <summary>
    /// <c>McpSecure:Gateway</c> as the gateway's environment. Environment variables overwrite list entries by index only,
    /// so a configured list is followed by blank entries up to <see cref="GatewaySettings.MaxListEntries"/>, which the
    /// gateway drops: the list replaces the gateway's own instead of merging with it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGatewaySettings(this IResourceBuilder<ProjectResource> gateway, GatewaySettings settings)
    {
        foreach (var (key, _, values) in settings.Lists())
        {
            for (var i = 0; i < GatewaySettings.MaxListEntries; i++)
            {
                gateway.WithEnvironment($"{key}__{i}", i < values.Length ? values[i] : "");
            }
        }
        if (settings.NameClaim is { } nameClaim)
        {
            gateway.WithEnvironment("Gateway__Claims__NameClaim", nameClaim);
        }
        if (settings.ForwardAccessToken is { } forward)
        {
            gateway.WithEnvironment("Gateway__IdentityForwarding__ForwardAccessToken", forward ? "true" : "false");
        }
        return gateway;
    }

    /// <summary>The gateway's own public URL: the protected resource's identifier and the token audience.</summary>
    public static ReferenceExpression ProtectedResource(this IResourceBuilder<ProjectResource> gateway) =>
        ReferenceExpression.Create($"{gateway.GetEndpoint(AppModelNames.Endpoints.Http)}{AppModelNames.Paths.Mcp}");

    /// <summary>
    /// Proxies <c>/mcp</c> to <paramref name="mcpServer"/> (found by service discovery), forwarding the caller's identity
    /// signed with a key both share.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMcpUpstream(this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> mcpServer)
    {
        var identityKey = gateway.AddIdentityForwardingKey();
        mcpServer.WithEnvironment("GatewayIdentity__SigningKey", identityKey);
        return gateway
            .WithUpstream(ReferenceExpression.Create($"http://{mcpServer.Resource.Name}"), identityKey)
            // Our MCP servers have the health endpoint of ServiceDefaults: the gateway probes it and stops sending to a dead one.
            .WithEnvironment("Gateway__Upstream__HealthCheckPath", AppModelNames.Paths.Health)
            .WithReference(mcpServer)
            .WaitFor(mcpServer);
    }

#if (!ExcludeExternalServer)
    /// <summary>
    /// Proxies <c>/mcp</c> to an MCP server that knows nothing of McpSecure: its endpoint as it is. The signed identity
    /// is still forwarded (a server that does not read it ignores it); the caller's token is not.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMcpUpstream(this IResourceBuilder<ProjectResource> gateway, ExternalMcpServer mcpServer)
    {
        gateway.WithUpstream(mcpServer.McpEndpoint, gateway.AddIdentityForwardingKey());
        return mcpServer.Resource is { } resource ? gateway.WaitFor(resource) : gateway;
    }
#endif

    private static IResourceBuilder<ProjectResource> WithUpstream(this IResourceBuilder<ProjectResource> gateway,
        ReferenceExpression upstream, IResourceBuilder<ParameterResource> identityKey) =>
        gateway
            .WithEnvironment("Gateway__PublicBaseUrl", gateway.GetEndpoint(AppModelNames.Endpoints.Http))
            .WithEnvironment("Gateway__UpstreamUrl", upstream)
            .WithEnvironment("Gateway__IdentityForwarding__SigningKey", identityKey);

    /// <summary>The key with which the gateway signs identities: generated once, kept in user secrets as <c>Parameters:gateway-identity-key</c>.</summary>
    private static IResourceBuilder<ParameterResource> AddIdentityForwardingKey(this IResourceBuilder<ProjectResource> gateway) =>
        gateway.ApplicationBuilder.AddParameter(AppModelNames.Resources.GatewayIdentityKey,
            new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

    /// <summary>
    /// Trusts the tokens of <paramref name="identity"/>. When the app runs the provider, the gateway starts alongside it
    /// (it reads the provider's metadata and keys on the first request that needs them, not at start-up) and is
    /// healthy only once the provider has been healthy too: the two start-ups overlap instead of adding up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAuthorizationServer(this IResourceBuilder<ProjectResource> gateway,
        IdentityProvider identity, AppHostOptions options)
    {
        gateway.WithEnvironment("Gateway__AuthorizationServer__Issuer", identity.Issuer);
        if (identity.Resource is not null)
        {
            gateway.WithReadinessAfter(identity.Resource);
        }
        return gateway;
    }

    /// <summary>Lets the development tools' browser pages (<see cref="DevelopmentBrowserOrigins"/>) call the gateway.</summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentBrowserOrigins(this IResourceBuilder<ProjectResource> gateway)
    {
        for (var i = 0; i < DevelopmentBrowserOrigins.Length; i++)
        {
            gateway.WithEnvironment($"Gateway__AllowedOrigins__{i}", DevelopmentBrowserOrigins[i]);
        }
        return gateway;
    }
}
