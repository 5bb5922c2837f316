using McpSecure.PrometheusMcp;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPrometheusClient();

// Stateless streamable HTTP: any replica can answer any request, so replicas scale without session affinity.
builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.Stateless = true)
    .WithTools<QueryTools>()
    .WithTools<CatalogTools>()
    .WithTools<StatusTools>()
    .WithTools<AdminTools>()
    .WithPrompts<InvestigationPrompts>();

var app = builder.Build();

// This server has no authentication of its own: it is reachable only inside the app, behind McpSecure.Gateway.
// AllowedHosts (appsettings.json) rejects other Host headers with 400, which defeats DNS rebinding against a local copy.
app.MapMcp("/mcp");
app.MapDefaultEndpoints();

app.Run();
