using System.Net;
using System.Security.Claims;
using System.Text.Json;
using McpSecure.GatewayIdentity;
using McpSecure.GatewayIdentity.Audit;
using McpSecure.UnitTests.GatewayIdentity.Audit;
using McpSecure.McpServer.Tools;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.UnitTests.McpServer;

/// <summary>
/// The minimal MCP server of the template's <c>--server blank</c>, in process, called by the real MCP C# client with
/// the identity the gateway would forward.
/// </summary>
public sealed class McpServerTests : IClassFixture<McpServerTests.Factory>
{
    private const string Key = "unit-test-mcp-server-identity-key-0123456789";
    private readonly Factory _factory;

    public McpServerTests(Factory factory) => _factory = factory;

    public sealed class Factory : WebApplicationFactory<WhoAmITool>
    {
        internal CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting($"{GatewayIdentityDefaults.SectionName}:SigningKey", Key).UseEnvironment("Production")
                .ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    [Fact]
    public async Task Every_tool_call_is_audited_with_the_caller_including_refused_ones()
    {
        var subject = $"audited-{Guid.NewGuid():N}";
        await using var client = await ConnectAsync(Caller(subject, "reader"));

        await client.CallToolAsync("whoami");
        await CallAsync(client, "server_status");

        var audit = _factory.Logs.Entries
            .Where(e => e.Category == ToolCallAuditLog.Category && Equals(e.Properties["Subject"], subject))
            .Select(e => $"{e.Properties["Tool"]}:{e.Properties["Outcome"]}")
            .ToList();
        Assert.Equal([$"whoami:{ToolCallOutcomes.Succeeded}", $"server_status:{ToolCallOutcomes.Refused}"], audit);
    }

    [Fact]
    public async Task Whoami_answers_with_the_forwarded_caller()
    {
        await using var client = await ConnectAsync(Caller("alice", "reader"));

        var result = await client.CallToolAsync("whoami");

        Assert.NotEqual(true, result.IsError);
        var caller = result.StructuredContent!.Value;
        Assert.Equal("alice", caller.GetProperty("subject").GetString());
        Assert.Equal(["reader"], caller.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["mcp:tools"], caller.GetProperty("scopes").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Admin_tool_is_listed_and_callable_only_for_the_admin_role()
    {
        await using var reader = await ConnectAsync(Caller("alice", "reader"));
        await using var admin = await ConnectAsync(Caller("bob", "reader", "admin"));

        Assert.DoesNotContain("server_status", (await reader.ListToolsAsync()).Select(t => t.Name));
        Assert.Contains("server_status", (await admin.ListToolsAsync()).Select(t => t.Name));

        var refused = await CallAsync(reader, "server_status");
        var allowed = await CallAsync(admin, "server_status");
        Assert.True(refused.IsError ?? refused.Failed);
        Assert.NotEqual(true, allowed.Result?.IsError);
        Assert.True(allowed.Result!.StructuredContent!.Value.TryGetProperty("uptime", out _));
    }

    [Fact]
    public async Task Request_without_a_gateway_identity_is_refused_with_401()
    {
        using var http = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(GatewayIdentityDefaults.MissingIdentityError, body.RootElement.GetProperty("error").GetString());
    }

    private static ClaimsPrincipal Caller(string subject, params string[] roles) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim("scope", "mcp:tools"), .. roles.Select(r => new Claim("role", r))], "Bearer"));

    private async Task<McpClient> ConnectAsync(ClaimsPrincipal caller)
    {
        var identity = new GatewayIdentityTokenWriter(Key, TimeProvider.System).Write(caller);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_factory.Server.BaseAddress, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { [GatewayIdentityDefaults.HeaderName] = identity },
        }, _factory.CreateClient(), ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    private static async Task<(CallToolResult? Result, bool Failed, bool? IsError)> CallAsync(McpClient client, string tool)
    {
        try
        {
            var result = await client.CallToolAsync(tool);
            return (result, false, result.IsError);
        }
        catch (ModelContextProtocol.McpException)
        {
            return (null, true, null);
        }
    }
}
