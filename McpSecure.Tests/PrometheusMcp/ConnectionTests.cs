using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// How the MCP server connects to Prometheus: configured credentials, tenant and headers are sent; the MCP caller's
/// headers (its OAuth token above all) never are; bad settings stop it at start-up naming the key; an unreachable or
/// wrong backend gives a clear tool error.
/// </summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task Configured_bearer_token_tenant_and_headers_reach_prometheus_but_the_callers_headers_do_not()
    {
        using var prometheus = new RecordingPrometheus();
        await using var server = StandaloneMcpServer.Start(
            $"Prometheus:BaseUrl={prometheus.Url}", "Prometheus:BearerToken=prometheus-service-token",
            "Prometheus:TenantId=team-a", "Prometheus:Headers:X-Api-Key=gateway-key");
        Assert.True(await server.WaitUntilReadyAsync(), server.Log);

        await using var client = await DirectMcp.ConnectAsync(server.McpUrl, new Dictionary<string, string>
        {
            ["Authorization"] = "Bearer caller-oauth-token",
            ["X-Scope-OrgID"] = "caller-tenant",
            ["Cookie"] = "session=caller-cookie",
        });
        (await client.CallAsync("execute_query", new { query = "up" })).Ok();

        var (path, headers) = Assert.Single(prometheus.Requests, r => r.Path == "/api/v1/query");
        Assert.Equal("Bearer prometheus-service-token", headers["Authorization"]);
        Assert.Equal("team-a", headers["X-Scope-OrgID"]);
        Assert.Equal("gateway-key", headers["X-Api-Key"]);
        Assert.Null(headers["Cookie"]);
        Assert.DoesNotContain("caller", string.Join('\n', headers.AllKeys.Select(k => $"{k}: {headers[k]}")));
        Assert.DoesNotContain("prometheus-service-token", server.Log);
    }

    [Fact]
    public async Task Basic_authentication_is_sent_when_configured()
    {
        using var prometheus = new RecordingPrometheus("""{"status":"success","data":["up"]}""");
        await using var server = StandaloneMcpServer.Start($"Prometheus:BaseUrl={prometheus.Url}", "Prometheus:Username=reader", "Prometheus:Password=s3cret");
        Assert.True(await server.WaitUntilReadyAsync(), server.Log);

        await using var client = await DirectMcp.ConnectAsync(server.McpUrl);
        (await client.CallAsync("list_metrics")).Ok();

        var (_, headers) = Assert.Single(prometheus.Requests, r => r.Path == "/api/v1/label/__name__/values");
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("reader:s3cret"))}", headers["Authorization"]);
        Assert.Null(headers["X-Scope-OrgID"]);
    }

    public static TheoryData<string[], string> InvalidSettings => new()
    {
        { ["Prometheus:Username=reader"], "Prometheus:Username and Prometheus:Password go together" },
        { ["Prometheus:Username=a", "Prometheus:Password=b", "Prometheus:BearerToken=c"], "Prometheus:BearerToken and Prometheus:Username/Prometheus:Password are exclusive" },
        { ["Prometheus:Headers:Authorization=Bearer x"], "Prometheus:Headers:Authorization is not allowed" },
        { ["Prometheus:Tls:CaCertificatePath=/nonexistent/ca.pem"], "Prometheus:Tls:CaCertificatePath = '/nonexistent/ca.pem' does not exist" },
        { ["Prometheus:QueryTimeout=00:30:00"], "QueryTimeout" },
        { ["Prometheus:BaseUrl=ftp://prometheus"], "Prometheus:BaseUrl must be an http or https URL" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Invalid_settings_stop_the_server_at_start_up_naming_the_key(string[] settings, string expected)
    {
        await using var server = StandaloneMcpServer.Start(settings);

        Assert.False(await server.WaitUntilReadyAsync(), "The server started with invalid settings.");
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains(expected, server.Log);
    }

    [Fact]
    public async Task Unreachable_prometheus_gives_a_clear_tool_error()
    {
        await using var server = StandaloneMcpServer.Start($"Prometheus:BaseUrl=http://127.0.0.1:{Loopback.FreeTcpPort()}");
        Assert.True(await server.WaitUntilReadyAsync(), server.Log);
        await using var client = await DirectMcp.ConnectAsync(server.McpUrl);

        var query = await client.CallAsync("execute_query", new { query = "up" });
        Assert.True(query.IsError);
        Assert.Contains("is unreachable:", query.Text);
        Assert.Contains("Prometheus at http://127.0.0.1:", query.Text);
        Assert.Contains("(query: `up`)", query.Text);

        var health = await client.CallAsync("health_check");
        Assert.True(health.IsError);
        Assert.Contains("is unreachable:", health.Text);
    }

    [Fact]
    public async Task A_backend_that_is_not_prometheus_gives_a_clear_tool_error()
    {
        using var notPrometheus = new RecordingPrometheus("<html>Welcome</html>", "text/html");
        await using var server = StandaloneMcpServer.Start($"Prometheus:BaseUrl={notPrometheus.Url}");
        Assert.True(await server.WaitUntilReadyAsync(), server.Log);
        await using var client = await DirectMcp.ConnectAsync(server.McpUrl);

        var answer = await client.CallAsync("get_targets");

        Assert.True(answer.IsError);
        Assert.Contains("Prometheus answered HTTP 200 OK to /api/v1/targets with a body that is not the Prometheus API format (is Prometheus:BaseUrl right?)", answer.Text);
    }
}
