using McpSecure.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.Services.AddOptions<GatewayOptions>()
    .BindConfiguration(GatewayOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();

// Tokens are validated locally against the provider's published keys: no provider round trip per request.
builder.Services.AddMcpTokenValidation();
builder.Services.AddMcpAuthorization();
builder.Services.AddMcpProxy();
builder.Services.AddAuthorizationServerMetadata();
builder.Services.AddBrowserOriginPolicy();
builder.Services.AddTrustedProxies();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseOriginValidation();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapProtectedResourceMetadata();
app.MapAuthorizationServerMetadata();
app.MapClientRegistration();
app.MapMcpProxy();
app.MapDefaultEndpoints();

app.Run();
