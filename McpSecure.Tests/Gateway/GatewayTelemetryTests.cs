using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Gateway;

/// <summary>
/// The gateway's own metrics (requests by outcome, refusals by reason, upstream latency), read where operators
/// read them: from the gateway's scrape endpoint and from Prometheus, which scrapes it.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class GatewayTelemetryTests(EmbeddedAppFixture fixture)
{
    [Fact]
    public async Task Refusals_are_counted_by_reason_and_proxied_requests_by_outcome_with_latency()
    {
        var expiredBefore = await CounterAsync("mcpsecure_gateway_auth_failures_total", "reason=\"expired\"");
        var proxiedBefore = await CounterAsync("mcpsecure_gateway_requests_total", "outcome=\"proxied\"");
        var latencyBefore = await CounterAsync("mcpsecure_gateway_upstream_duration_seconds_count", "");

        Assert.Equal(HttpStatusCode.Unauthorized, (await McpHttp.InitializeAsync(fixture.McpUrl, fixture.Forge.CreateExpired())).Status);

        var token = (await fixture.LoginAsync("alice", "alice-dev-password")).AccessToken;
        await using (var client = await McpConnection.ConnectAsync(fixture.McpUrl, token))
        {
            await client.ListToolsAsync();
        }

        await EventuallyAsync(async () => await CounterAsync("mcpsecure_gateway_auth_failures_total", "reason=\"expired\"") == expiredBefore + 1);
        await EventuallyAsync(async () => await CounterAsync("mcpsecure_gateway_requests_total", "outcome=\"proxied\"") >= proxiedBefore + 2);
        await EventuallyAsync(async () => await CounterAsync("mcpsecure_gateway_upstream_duration_seconds_count", "") >= latencyBefore + 2);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_gateway_metrics_so_they_can_be_queried_through_mcp()
    {
        var token = (await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token);

        // Earlier requests refused tokens; after a scrape interval or two Prometheus has the counter.
        string text = "";
        await EventuallyAsync(async () =>
        {
            var result = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "sum by (job) (mcpsecure_gateway_requests_total)" });
            text = McpAssert.SingleText(result);
            return text.Contains("job=\"gateway\"");
        }, TimeSpan.FromSeconds(30));
        Assert.Matches("""\{job="gateway"\} [1-9]""", text);
    }

    private async Task<double> CounterAsync(string metric, string labelFilter)
    {
        using var http = fixture.App.CreateHttpClient("gateway", "http");
        var text = await http.GetStringAsync("/metrics");
        return Regex.Matches(text, $"^{metric}\\{{([^}}]*)\\}} ([0-9.eE+]+)", RegexOptions.Multiline)
            .Where(m => m.Groups[1].Value.Contains(labelFilter))
            .Sum(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(250);
        }
    }
}
