using McpSecure.AppHost;
using McpSecure.AppHost.AppInfo;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;

var builder = DistributedApplication.CreateBuilder(args);

var options = builder.AddMcpSecureOptions();
var mode = HostingModeSelector.Choose(builder, options.Mode);
builder.AddAppInfo(mode, options, builder.RealmFile());

// The gateway is declared first: its public /mcp URL is the resource (token audience) the identity provider issues for.
var gateway = builder.AddGateway(options);

// Infrastructure
var identity = builder.AddIdentityProvider(mode.Mode, options, gateway.ProtectedResource());
var prometheus = builder.AddPrometheus(mode.Mode, options.DataPath);

// Services: the MCP server knows nothing about OAuth and is reachable only inside the app.
var prometheusMcp = builder.AddPrometheusMcp(prometheus);

// Proxy: the only public MCP endpoint.
gateway
    .WithMcpUpstream(prometheusMcp)
    .WithAuthorizationServer(identity, options)
    .WithDevelopmentBrowserOrigins();

// Prometheus scrapes our own services, so there is real data to query.
prometheus
    .WithScrapeTarget(gateway)
    .WithScrapeTarget(prometheusMcp);
if (identity.Resource is not null)
{
    prometheus.WithScrapeTarget(identity.Resource);
}

builder.Build().Run();
