using McpSecure.AppHost;
using McpSecure.AppHost.AppInfo;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;

var builder = DistributedApplication.CreateBuilder(args);

var options = builder.AddAppHostOptions();
var mode = HostingModeSelector.Choose(builder, options.Mode);
builder.AddAppInfo(mode, options, builder.RealmFile());
builder.AddHelmChartPublishing();

// The gateway is declared first: its public /mcp URL is the resource (token audience) the identity provider issues for.
var gateway = builder.AddGateway(options);

// Infrastructure
var identity = builder.AddIdentityProvider(mode.Mode, options, gateway.ProtectedResource());
#if (ServerBlank)

// Services: your MCP server (tools in its Tools/ folder) knows nothing about OAuth and is reachable only inside the app.
var mcpServer = builder.AddMcpServer();
#elif (ServerExternal)

// Services: the MCP server you already run, protected as it is (McpSecure:Upstream in appsettings.json).
var mcpServer = builder.AddExternalMcpServer(mode.Mode, options.Upstream);
#else
var prometheus = builder.AddPrometheus(mode.Mode, options.DataPath);

// Services: the MCP server knows nothing about OAuth and is reachable only inside the app.
var mcpServer = builder.AddPrometheusMcp(prometheus);
#endif

// Proxy: the only public MCP endpoint.
gateway
    .WithMcpUpstream(mcpServer)
    .WithAuthorizationServer(identity, options)
    .WithDevelopmentBrowserOrigins();
if (options.Redis)
{
    // The per-user rate limit, counted in Redis so that it holds across the gateway's replicas.
    gateway.WithSharedRateLimit(builder.AddRateLimitRedis(mode.Mode, options.DataPath));
}
#if (!ServerBlank && !ServerExternal)

// Prometheus scrapes our own services, so there is real data to query.
prometheus
    .WithScrapeTarget(gateway)
    .WithScrapeTarget(mcpServer);
if (identity.Resource is not null)
{
    prometheus.WithScrapeTarget(identity.Resource);
}
if (options.DemoTenants)
{
    // Data per tenant: alice and bob see only their own tenant's series (README, "Per-user rights and tenants").
    prometheus.WithDemoTenants();
    mcpServer.WithEnvironment("Tenancy__Mode", "Label");
}
#endif

builder.Build().Run();
