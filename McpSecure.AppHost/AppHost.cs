using McpSecure.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var settings = McpSecureSettings.From(builder);
var mode = HostingModeSelector.Choose(builder, settings.Mode);
builder.AddAppInfo(mode);

// The gateway is declared first: its public /mcp URL is the resource (token audience) the identity provider issues for.
var gateway = builder.AddProject<Projects.McpSecure_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");
var gatewayUrl = gateway.GetEndpoint("http");
var protectedResource = ReferenceExpression.Create($"{gatewayUrl}/mcp");

// Infrastructure
var identity = builder.AddIdentityProvider(mode.Mode, settings, protectedResource);
IResourceBuilder<IResourceWithEndpoints> prometheus = mode.Mode == HostingMode.Containers
    ? builder.AddPrometheusContainer(settings.DataPath!)
    : builder.AddPrometheusExecutable(settings.DataPath!);

// The key with which the gateway signs the caller's identity for the MCP server (generated, kept in user secrets).
var identityForwardingKey = builder.AddParameter("gateway-identity-key",
    new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

// Services: the MCP server knows nothing about OAuth and is reachable only inside the app.
var prometheusMcp = builder.AddProject<Projects.McpSecure_PrometheusMcp>("prometheus-mcp", launchProfileName: null)
    .WithHttpEndpoint(name: "http")
    .WithEnvironment("GatewayIdentity__SigningKey", identityForwardingKey)
    .WithReference(prometheus.GetEndpoint("http"))
    .WaitFor(prometheus)
    .WithHttpHealthCheck("/health");

// Proxy: the only public MCP endpoint.
gateway
    .WithEnvironment("Gateway__PublicBaseUrl", gatewayUrl)
    .WithEnvironment("Gateway__UpstreamUrl", "http://prometheus-mcp")
    .WithEnvironment("Gateway__AuthorizationServer__Issuer", identity.Issuer)
    .WithEnvironment("Gateway__IdentityForwarding__SigningKey", identityForwardingKey)
    // MCP Inspector's web UI, for browser-based testing in development.
    .WithEnvironment("Gateway__AllowedOrigins__0", "http://localhost:6274")
    .WithEnvironment("Gateway__AllowedOrigins__1", "http://127.0.0.1:6274")
    .WithReference(prometheusMcp)
    .WaitFor(identity.Resource)
    .WaitFor(prometheusMcp);

prometheus
    .WithScrapeTarget(gateway, "gateway")
    .WithScrapeTarget(prometheusMcp, "prometheus-mcp");
if (mode.Mode == HostingMode.Embedded)
{
    prometheus.WithScrapeTarget(identity.Resource, "identity");
}

builder.Build().Run();
