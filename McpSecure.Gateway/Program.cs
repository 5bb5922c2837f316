using McpSecure.Gateway.Authorization;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Discovery;
using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Limits;
using McpSecure.Gateway.McpRequests;
using McpSecure.Gateway.Network;
using McpSecure.Gateway.Origins;
using McpSecure.Gateway.Proxy;
using McpSecure.Gateway.TokenValidation;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

// Section "Gateway", validated at start-up: a wrong key stops the gateway before it serves anything.
builder.Services.AddGatewayOptions();
// Tokens are validated locally against the provider's published keys: no provider round trip per request.
builder.Services.AddMcpTokenValidation();
// The MCP route needs the required scopes; a token without them gets 403 insufficient_scope.
builder.Services.AddMcpAuthorization();
// Rights per tool (Gateway:ToolAccess): each tools/call is checked before it reaches the MCP server.
builder.Services.AddMcpToolAccess();
// YARP to the MCP server: the token stays here, the caller's identity goes on signed.
builder.Services.AddMcpProxy();
// The provider's discovery document, mirrored on the gateway's host and cached.
builder.Services.AddAuthorizationServerMetadata();
builder.Services.AddBrowserOriginPolicy();
builder.Services.AddTrustedProxies();
// Body and header sizes, and the per-user request rate on the MCP route.
builder.Services.AddGatewayLimits();
// Last: nothing here protects data with ASP.NET Core Data Protection, so its key ring is not loaded at start-up.
builder.Services.WithoutDataProtectionKeyRingAtStart();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseRequestBodyLimit();
app.UseOriginValidation();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMcpToolAccess();

app.MapProtectedResourceMetadata();
app.MapAuthorizationServerMetadata();
app.MapMcpProxy();
app.MapDefaultEndpoints();

app.Run();
