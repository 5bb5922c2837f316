using System.Net;
using System.Text.Json;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// The MCP server hangs, refuses connections, fails its health check, or streams slowly: the gateway answers within
/// its time limits with a JSON 502/503 and Retry-After, and recovers by itself. Real sockets to the upstream, real time
/// (limits of 1 s), one gateway per test because each test drives the health state. What happened is proved by the
/// answers and by what reached the upstream; times are checked only as lower bounds or against hangs, with wide
/// margins, because the machine running the tests may be loaded.
/// </summary>
public sealed class UpstreamFaultTests
{
    private static readonly TimeSpan NotAHang = TimeSpan.FromSeconds(15);

    private static GatewayApp Gateway(Uri upstream, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Gateway:Upstream:ResponseHeadersTimeout"] = "00:00:01",
            ["Gateway:Upstream:UnavailablePeriod"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return GatewayApp.InFrontOf(upstream, all);
    }

    [Fact]
    public async Task Hung_server_gets_502_after_the_header_timeout_then_503_at_once_and_the_gateway_recovers_when_it_answers()
    {
        await using var upstream = new ScriptedUpstream { Reply = (_, _) => UpstreamReply.Never };
        // The server stays marked unavailable for 5 s: long enough that the second request falls inside it even on a
        // loaded machine (with 1 s it sometimes came after it and was sent on to the hung server again).
        await using var gateway = Gateway(upstream.Url, new Dictionary<string, string?> { ["Gateway:Upstream:UnavailablePeriod"] = "00:00:05" });

        var (first, firstElapsed) = await gateway.PostMcpAsync();
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.InRange(firstElapsed, TimeSpan.FromSeconds(0.9), NotAHang);
        await AssertUnavailableAnswerAsync(first, "The MCP server did not answer within 1 s; retry in 5 s.", retryAfter: "5");

        var (second, _) = await gateway.PostMcpAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        await AssertUnavailableAnswerAsync(second, "The MCP server is unavailable (its last request failed or its health check fails); retry in 5 s.", retryAfter: "5");
        Assert.Equal(1, upstream.Count("/mcp")); // the 503 came from the gateway: the hung server saw one request only

        upstream.Reply = (_, _) => UpstreamReply.JsonRpcResult;
        await PollUntilAsync(gateway, HttpStatusCode.OK, NotAHang);
    }

    [Fact]
    public async Task Refused_connection_gets_502_at_once()
    {
        Uri closed;
        await using (var gone = new ScriptedUpstream())
        {
            closed = gone.Url;
        }
        // A long header timeout: a refused connection must be answered without waiting for it.
        await using var gateway = Gateway(closed, new Dictionary<string, string?> { ["Gateway:Upstream:ResponseHeadersTimeout"] = "00:01:00" });

        var (response, elapsed) = await gateway.PostMcpAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(elapsed < NotAHang, $"502 took {elapsed}: the gateway waited as if for a hung server");
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
        await using var gateway = Gateway(upstream.Url);

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
        await using var gateway = Gateway(upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Upstream:HealthCheckPath"] = "/health",
            ["Gateway:Upstream:HealthCheckInterval"] = "00:00:01",
            ["Gateway:Upstream:HealthCheckTimeout"] = "00:00:00.500",
        });
        gateway.Server.Services.GetType(); // starts the gateway, and with it the probes

        await PollUntilAsync(gateway, HttpStatusCode.ServiceUnavailable, NotAHang);
        Assert.True(upstream.Count("/health") >= 2, "the probe did not run");
        var forwarded = upstream.Count("/mcp"); // the server answers /mcp well: only the probe can have taken it out
        var (response, _) = await gateway.PostMcpAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal(forwarded, upstream.Count("/mcp")); // answered by the gateway, not sent to the server

        healthy = true;
        await PollUntilAsync(gateway, HttpStatusCode.OK, NotAHang);
    }

    private static async Task AssertUnavailableAnswerAsync(HttpResponseMessage response, string description, string retryAfter = "1")
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{(int)response.StatusCode} with '{text}' ({response.Content.Headers.ContentType})");
        Assert.Equal(retryAfter, response.Headers.RetryAfter?.ToString());
        using var body = JsonDocument.Parse(text);
        Assert.Equal("temporarily_unavailable", body.RootElement.GetProperty("error").GetString());
        Assert.Equal(description, body.RootElement.GetProperty("error_description").GetString());
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
    }

    /// <summary>Posts every 100 ms until the gateway answers <paramref name="status"/>; how long that took.</summary>
    private static async Task<TimeSpan> PollUntilAsync(GatewayApp gateway, HttpStatusCode status, TimeSpan limit)
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
