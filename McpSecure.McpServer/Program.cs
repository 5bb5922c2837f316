using McpSecure.GatewayIdentity;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// McpSecure.Gateway validates the caller's OAuth token and forwards who they are, signed; this server accepts only
// callers whose forwarded identity verifies. Tools restrict themselves further with [Authorize].
builder.Services.AddAuthentication(GatewayIdentityDefaults.AuthenticationScheme).AddGatewayIdentity();
builder.Services.AddAuthorizationBuilder().AddGatewayIdentityPolicies();
builder.Services.TryAddSingleton(TimeProvider.System);

builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.Stateless = true)
    .AddAuthorizationFilters()
    // Audit of every tool call (log, span, counter: who ran what, secrets removed); after AddAuthorizationFilters so
    // that it wraps it and refused calls are audited too.
    .WithToolCallAudit()
    .WithToolsFromAssembly();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.MapMcp("/mcp").RequireAuthorization(GatewayIdentityDefaults.RequireCallerPolicy);
app.MapDefaultEndpoints();

app.Run();
