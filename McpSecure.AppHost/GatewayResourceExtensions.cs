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

    /// <summary>The gateway on its fixed port, public, with the client configurations on its dashboard entry.</summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this IDistributedApplicationBuilder builder, McpSecureOptions options) =>
        builder.AddProject<Projects.McpSecure_Gateway>(AppModelNames.Resources.Gateway, launchProfileName: null)
            .WithHttpEndpoint(port: options.GatewayPort, name: AppModelNames.Endpoints.Http)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck(AppModelNames.Paths.Health)
            .WithClientConfigurations(options.ExternalPublicClientId ?? IdentityProviderExtensions.PublicClientId);

    /// <summary>The gateway's own public URL: the protected resource's identifier and the token audience.</summary>
    public static ReferenceExpression ProtectedResource(this IResourceBuilder<ProjectResource> gateway) =>
        ReferenceExpression.Create($"{gateway.GetEndpoint(AppModelNames.Endpoints.Http)}{AppModelNames.Paths.Mcp}");

    /// <summary>
    /// Proxies <c>/mcp</c> to <paramref name="mcpServer"/>, forwarding the caller's identity signed with a key both
    /// share (generated once, kept in user secrets as <c>Parameters:gateway-identity-key</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMcpUpstream(this IResourceBuilder<ProjectResource> gateway, IResourceBuilder<ProjectResource> mcpServer)
    {
        var identityKey = gateway.ApplicationBuilder.AddParameter(AppModelNames.Resources.GatewayIdentityKey,
            new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

        mcpServer.WithEnvironment("GatewayIdentity__SigningKey", identityKey);
        return gateway
            .WithEnvironment("Gateway__PublicBaseUrl", gateway.GetEndpoint(AppModelNames.Endpoints.Http))
            .WithEnvironment("Gateway__UpstreamUrl", $"http://{mcpServer.Resource.Name}")
            .WithEnvironment("Gateway__IdentityForwarding__SigningKey", identityKey)
            .WithReference(mcpServer)
            .WaitFor(mcpServer);
    }

    /// <summary>Trusts the tokens of <paramref name="identity"/>; waits for it when the app runs it.</summary>
    public static IResourceBuilder<ProjectResource> WithAuthorizationServer(this IResourceBuilder<ProjectResource> gateway,
        IdentityProvider identity, McpSecureOptions options)
    {
        gateway.WithEnvironment("Gateway__AuthorizationServer__Issuer", identity.Issuer);
        if (identity.Resource is not null)
        {
            gateway.WaitFor(identity.Resource);
        }
        if (options.ExternalPublicClientId is { } clientId)
        {
            // The provider cannot register clients: the gateway answers RFC 7591 requests with this public client.
            gateway.WithEnvironment("Gateway__ClientRegistration__ClientId", clientId);
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
