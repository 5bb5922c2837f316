using McpSecure.GatewayIdentity;
using McpSecure.PrometheusMcp.Authorization;
using McpSecure.PrometheusMcp.Prometheus;
using McpSecure.PrometheusMcp.Prompts;
using McpSecure.PrometheusMcp.Tenancy;
using McpSecure.PrometheusMcp.Tools;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// No OAuth here: McpSecure.Gateway validates the caller's token and forwards their identity, signed with a key only
// the two of them hold; this server verifies that signature as its authentication scheme.
builder.Services.AddAuthentication(GatewayIdentityDefaults.AuthenticationScheme).AddGatewayIdentity();
builder.Services.AddAuthorizationBuilder().AddGatewayIdentityPolicies();

builder.Services.AddPrometheusClient();

// Stateless streamable HTTP: any replica can answer any request, so replicas scale without session affinity.
builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.Stateless = true)
    .AddAuthorizationFilters()
    // Audit of every tool call (log, span, counter: who ran what, secrets removed); after AddAuthorizationFilters so
    // that it wraps it and refused calls are audited too.
    .WithToolCallAudit()
    // Rights per tool (section ToolAccess, the rules the gateway also enforces): tools/list and tools/call per caller.
    .WithToolAccessFilters()
    // Data per tenant (section Tenancy, off by default): tools that read across tenants hidden, every call confined.
    .WithTenancy()
    .WithPrometheusTools()
    .WithTools<CallerIdentityTools>()
    .WithPrompts<InvestigationPrompts>();

var app = builder.Build();

// AllowedHosts (appsettings.json) rejects other Host headers with 400, which defeats DNS rebinding against a local copy.
app.UseAuthentication();
app.UseAuthorization();
// A request without an identity is served anonymously (this server is reachable only inside the app); one whose
// identity does not verify (forged, expired, another key) is refused with 401 before any tool runs.
app.MapMcp("/mcp").RequireAuthorization(GatewayIdentityDefaults.VerifiedOrAnonymousPolicy);
app.MapDefaultEndpoints();

app.Run();
