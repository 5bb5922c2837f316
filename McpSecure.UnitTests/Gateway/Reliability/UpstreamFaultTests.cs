using System.Net;
using System.Text.Json;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// The MCP server hangs, refuses connections, fails its health check, or streams slowly: the gateway answers within
/// its time limits with a JSON 502/503 and Retry-After, and recovers by itself. Real sockets to the upstream, real time
/// (limits of 1 s), one gateway per test because each test drives the health state.
/// </summary>
public sealed class UpstreamFaultTests
{
    [Fact]
    public async Task Hung_server_gets_502_after_the_header_timeout_then_503_at_once_and_the_gateway_recovers_when_it_answers()
    {
        await using var upstream = new ScriptedUpstream { Reply = (_, _) => UpstreamReply.Never };
        await using var gateway = new RealUpstreamGatewayApp(upstream.Url);

        var (first, firstElapsed) = await gateway.PostMcpAsync();
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.InRange(firstElapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        await AssertUnavailableAnswerAsync(first, "The MCP server did not answer within 1 s; retry in 1 s.");

        var (second, secondElapsed) = await gateway.PostMcpAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.True(secondElapsed < TimeSpan.FromSeconds(0.5), $"503 took {secondElapsed}");
        await AssertUnavailableAnswerAsync(second, "The MCP server is unavailable (its last request failed or its health check fails); retry in 1 s.");
        Assert.Equal(1, upstream.Count("/mcp"));

        upstream.Reply = (_, _) => UpstreamReply.JsonRpcResult;
        var recovered = await PollUntilAsync(gateway, HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        Assert.True(recovered < TimeSpan.FromSeconds(3), $"recovery took {recovered}");
    }

    [Fact]
    public async Task Refused_connection_gets_502_at_once()
    {
        Uri closed;
        await using (var gone = new ScriptedUpstream())
        {
            closed = gone.Url;
        }
        await using var gateway = new RealUpstreamGatewayApp(closed);

        var (response, elapsed) = await gateway.PostMcpAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"502 took {elapsed}");
        await AssertUnavailableAnswerAsync(response, "The MCP server could not be reached; retry in 1 s.");
    }

    [Fact]
    public async Task Stream_silent_for_longer_than_the_header_timeout_after_its_headers_is_not_cut()
    {
        const string Event = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n";
        await using var upstream = new ScriptedUpstream
        {
            Reply = (_, _) => new UpstreamReply(ContentType: "text/event-stream", Body: Event, BodyDelay: TimeSpan.FromSeconds(2.5)),
        };
        await using var gateway = new RealUpstreamGatewayApp(upstream.Url);

        var (response, elapsed) = await gateway.PostMcpAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Event, await response.Content.ReadAsStringAsync());
        Assert.True(elapsed >= TimeSpan.FromSeconds(2.4), $"answered after {elapsed}: the delay did not happen");
    }

    [Fact]
    public async Task Failing_health_probe_takes_a_server_out_before_any_request_fails_and_a_passing_probe_brings_it_back()
    {
        var healthy = false;
        await using var upstream = new ScriptedUpstream
        {
            Reply = (_, path) => path == "/health"
                ? new UpstreamReply(healthy ? 200 : 503, "text/plain", healthy ? "Healthy" : "Unhealthy")
                : UpstreamReply.JsonRpcResult,
        };
        await using var gateway = new RealUpstreamGatewayApp(upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Upstream:HealthCheckPath"] = "/health",
            ["Gateway:Upstream:HealthCheckInterval"] = "00:00:01",
            ["Gateway:Upstream:HealthCheckTimeout"] = "00:00:00.500",
        });
        gateway.Server.Services.GetType(); // starts the gateway, and with it the probes

        await PollUntilAsync(gateway, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(6));
        Assert.True(upstream.Count("/health") >= 2, "the probe did not run");
        var (response, elapsed) = await gateway.PostMcpAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(0.5), $"503 took {elapsed}");
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());

        healthy = true;
        var recovered = await PollUntilAsync(gateway, HttpStatusCode.OK, TimeSpan.FromSeconds(5));
        Assert.True(recovered < TimeSpan.FromSeconds(3), $"recovery took {recovered}");
    }

    private static async Task AssertUnavailableAnswerAsync(HttpResponseMessage response, string description)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{(int)response.StatusCode} with '{text}' ({response.Content.Headers.ContentType})");
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        using var body = JsonDocument.Parse(text);
        Assert.Equal("temporarily_unavailable", body.RootElement.GetProperty("error").GetString());
        Assert.Equal(description, body.RootElement.GetProperty("error_description").GetString());
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
    }

    /// <summary>Posts every 100 ms until the gateway answers <paramref name="status"/>; how long that took.</summary>
    private static async Task<TimeSpan> PollUntilAsync(RealUpstreamGatewayApp gateway, HttpStatusCode status, TimeSpan limit)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        HttpStatusCode last;
        do
        {
            var (response, _) = await gateway.PostMcpAsync();
            last = response.StatusCode;
            response.Dispose();
            if (last == status)
            {
                return System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }
            await Task.Delay(100);
        }
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < limit);
        throw new Xunit.Sdk.XunitException($"the gateway still answered {last} after {limit}, not {status}");
    }
}
