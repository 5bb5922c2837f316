using System.ComponentModel;
using System.Security.Claims;
using McpSecure.GatewayIdentity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.UnitTests.GatewayIdentity.Audit;

/// <summary>
/// An in-process MCP server wired as ours are (gateway identity, stateless HTTP, <c>WithToolCallAudit()</c> after the
/// authorization filters), with tools that succeed, fail, report an error and need a role, and a log that tests read.
/// </summary>
internal sealed class AuditedMcpServer : IAsyncDisposable
{
    public const string Key = "unit-test-audit-identity-key-0123456789-abcdef";

    private readonly WebApplication _app;

    private AuditedMcpServer(WebApplication app, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AuditedMcpServer> StartAsync()
    {
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Configuration[$"{GatewayIdentityDefaults.SectionName}:SigningKey"] = Key;
        builder.Services.AddAuthentication(GatewayIdentityDefaults.AuthenticationScheme).AddGatewayIdentity();
        builder.Services.AddAuthorizationBuilder().AddGatewayIdentityPolicies();
        builder.Services.AddMcpServer()
            .WithHttpTransport(transport => transport.Stateless = true)
            .AddAuthorizationFilters()
            .WithToolCallAudit()
            .WithTools<AuditTestTools>();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMcp("/mcp").RequireAuthorization(GatewayIdentityDefaults.VerifiedOrAnonymousPolicy);
        await app.StartAsync();
        return new AuditedMcpServer(app, logs);
    }

    public static ClaimsPrincipal User(string subject, string username, params string[] roles) =>
        new(new ClaimsIdentity(
            [
                new Claim("sub", subject), new Claim("preferred_username", username), new Claim("scope", "mcp:tools"),
                new Claim("client_id", "audit-test-client"), .. roles.Select(role => new Claim("role", role)),
            ], "Bearer"));

    /// <summary>An MCP client that sends the identity the gateway would forward for <paramref name="caller"/> (none: anonymous).</summary>
    public async Task<McpClient> ConnectAsync(ClaimsPrincipal? caller)
    {
        var headers = new Dictionary<string, string>();
        if (caller is not null)
        {
            headers[GatewayIdentityDefaults.HeaderName] = new GatewayIdentityTokenWriter(Key, TimeProvider.System).Write(caller);
        }
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_app.GetTestServer().BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        }, _app.GetTestClient(), ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [McpServerToolType]
    public sealed class AuditTestTools
    {
        [McpServerTool(Name = "echo"), Description("Echoes its query.")]
        public static string Echo(string query, string? api_key = null, string? note = null) => query;

        [McpServerTool(Name = "explode"), Description("Fails with an unexpected exception.")]
        public static string Explode(string password) => throw new InvalidOperationException($"boom with {password}");

        [McpServerTool(Name = "bad_query"), Description("Reports an error result.")]
        public static CallToolResult BadQuery(string query) =>
            new() { IsError = true, Content = [new TextContentBlock { Text = $"parse error in {query}" }] };

        [McpServerTool(Name = "admin_only"), Description("Only for the admin role."), Authorize(Roles = "admin")]
        public static string AdminOnly() => "ok";
    }
}
