using McpSecure.ServiceDefaults.GatewayIdentity;
using McpSecure.PrometheusMcp.Prompts;
using McpSecure.PrometheusMcp.Tools;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayIdentity();

builder.Services.AddPrometheusClient();

// Stateless streamable HTTP: any replica can answer any request, so replicas scale without session affinity.
builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.Stateless = true)
    .WithPrometheusTools()
    .WithTools<CallerIdentityTools>()
    .WithPrompts<InvestigationPrompts>();

var app = builder.Build();

// No OAuth here: McpSecure.Gateway validates tokens and forwards the caller's identity, signed; this server
// only verifies that signature. It is reachable only inside the app.
// AllowedHosts (appsettings.json) rejects other Host headers with 400, which defeats DNS rebinding against a local copy.
app.UseGatewayIdentity();
app.MapMcp("/mcp");
app.MapDefaultEndpoints();

app.Run();
