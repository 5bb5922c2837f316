using McpSecure.ServiceDefaults.GatewayIdentity;
using McpSecure.PrometheusMcp;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayIdentity();

builder.Services.AddOptions<PrometheusOptions>()
    .BindConfiguration(PrometheusOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHttpClient<PrometheusClient>((services, http) =>
{
    var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrometheusOptions>>().Value;
    // A trailing slash keeps a path prefix (e.g. https://host/prometheus/) when relative API paths are appended.
    http.BaseAddress = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
});

// Stateless streamable HTTP: any replica can answer any request, so replicas scale without session affinity.
builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.Stateless = true)
    .WithTools<PrometheusTools>()
    .WithTools<CallerIdentityTools>();

var app = builder.Build();

// No OAuth here: McpSecure.Gateway validates tokens and forwards the caller's identity, signed; this server
// only verifies that signature. It is reachable only inside the app.
app.UseGatewayIdentity();
app.MapMcp("/mcp");
app.MapDefaultEndpoints();

app.Run();
