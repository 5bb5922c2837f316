using McpSecure.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var settings = McpSecureSettings.From(builder);
var mode = HostingModeSelector.Choose(builder, settings.Mode);
builder.AddAppInfo(mode, settings);

// The gateway is declared first: its public /mcp URL is the resource (token audience) the identity provider issues for.
var gateway = builder.AddProject<Projects.McpSecure_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: settings.GatewayPort, name: "http")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithClientConfigurations(settings.ExternalPublicClientId ?? IdentityProviderExtensions.PublicClientId);

// Infrastructure
var identity = builder.AddIdentityProvider(mode.Mode, settings, gateway.ProtectedResource());
IResourceBuilder<IResourceWithEndpoints> prometheus = mode.Mode == HostingMode.Containers
    ? builder.AddPrometheusContainer(settings.DataPath!)
    : builder.AddPrometheusExecutable(settings.DataPath!);

// The key with which the gateway signs the caller's identity for the MCP server (generated, kept in user secrets).
var identityForwardingKey = builder.AddParameter("gateway-identity-key",
    new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

// Services: the MCP server knows nothing about OAuth and is reachable only inside the app.
var prometheusMcp = builder.AddProject<Projects.McpSecure_PrometheusMcp>("prometheus-mcp", launchProfileName: null)
    .WithHttpEndpoint(name: "http")
    .WithReference(prometheus.GetEndpoint("http"))
    .WaitFor(prometheus)
    .WithHttpHealthCheck("/health");

// Proxy: the only public MCP endpoint.
gateway
    .WithMcpUpstream(prometheusMcp, identityForwardingKey)
    .WithAuthorizationServer(identity, settings)
    .WithDevelopmentBrowserOrigins();

// Prometheus scrapes our own services, so there is real data to query.
prometheus
    .WithScrapeTarget(gateway, "gateway")
    .WithScrapeTarget(prometheusMcp, "prometheus-mcp");
if (identity.Resource is not null)
{
    prometheus.WithScrapeTarget(identity.Resource, "identity");
}

builder.Build().Run();
