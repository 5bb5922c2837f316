namespace McpSecure.AppHost;

/// <summary>How the gateway resource is wired to the MCP server it protects and to the provider it trusts.</summary>
public static class GatewayResourceExtensions
{
    /// <summary>The gateway's own public URL: the protected resource's identifier and the token audience.</summary>
    public static ReferenceExpression ProtectedResource(this IResourceBuilder<ProjectResource> gateway) =>
        ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/mcp");

    /// <summary>Proxies <c>/mcp</c> to <paramref name="mcpServer"/>, forwarding the caller's identity signed with <paramref name="identityKey"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithMcpUpstream(this IResourceBuilder<ProjectResource> gateway,
        IResourceBuilder<ProjectResource> mcpServer, IResourceBuilder<ParameterResource> identityKey)
    {
        mcpServer.WithEnvironment("GatewayIdentity__SigningKey", identityKey);
        return gateway
            .WithEnvironment("Gateway__PublicBaseUrl", gateway.GetEndpoint("http"))
            .WithEnvironment("Gateway__UpstreamUrl", $"http://{mcpServer.Resource.Name}")
            .WithEnvironment("Gateway__IdentityForwarding__SigningKey", identityKey)
            .WithReference(mcpServer)
            .WaitFor(mcpServer);
    }

    /// <summary>Trusts the tokens of <paramref name="identity"/>; waits for it when the app runs it.</summary>
    public static IResourceBuilder<ProjectResource> WithAuthorizationServer(this IResourceBuilder<ProjectResource> gateway,
        IdentityProvider identity, McpSecureSettings settings)
    {
        gateway.WithEnvironment("Gateway__AuthorizationServer__Issuer", identity.Issuer);
        if (identity.Resource is not null)
        {
            gateway.WaitFor(identity.Resource);
        }
        if (settings.ExternalPublicClientId is { } clientId)
        {
            // The provider cannot register clients: the gateway answers RFC 7591 requests with this public client.
            gateway.WithEnvironment("Gateway__ClientRegistration__ClientId", clientId);
        }
        return gateway;
    }

    /// <summary>Browser origins of development tools (MCP Inspector's web UI) that may call the gateway.</summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentBrowserOrigins(this IResourceBuilder<ProjectResource> gateway) =>
        gateway
            .WithEnvironment("Gateway__AllowedOrigins__0", "http://localhost:6274")
            .WithEnvironment("Gateway__AllowedOrigins__1", "http://127.0.0.1:6274");
}
