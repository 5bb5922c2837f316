using System.Diagnostics;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// Two gateway replicas sharing one real Redis: the per-user limit holds across both; Redis stopped, each replica
/// limits on its own and says so (log, metric, degraded health); Redis back, the limit is shared again by itself.
/// One test: the phases follow each other on one running app.
/// </summary>
public sealed class SharedRateLimitTests(SharedRateLimitAppFixture fixture, ITestOutputHelper output) : IClassFixture<SharedRateLimitAppFixture>
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";
    private const int Limit = SharedRateLimitAppFixture.PermitLimit;

    [Fact]
    public async Task The_per_user_limit_holds_across_two_replicas_through_redis_falls_back_per_replica_when_redis_stops_and_is_shared_again_when_it_is_back()
    {
        var a = fixture.McpUrl;
        var b = fixture.Replica.McpUrl;

        // Shared: 6 on A and 6 on B, alternating; the 11th and 12th are refused, whichever replica they reach.
        var alice = Token("alice");
        var shared = new List<(HttpStatusCode Status, TimeSpan? RetryAfter)>();
        for (var i = 0; i < 6; i++)
        {
            shared.Add(await SendAsync(a, alice));
            shared.Add(await SendAsync(b, alice));
        }
        var bob = (await SendAsync(b, Token("bob"))).Status;
        output.WriteLine($"shared: {string.Join(' ', shared.Select(s => (int)s.Status))}; bob on B: {(int)bob}");
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), shared.Select(s => s.Status));
        Assert.All(shared.Skip(Limit), s => Assert.InRange(s.RetryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.Equal(HttpStatusCode.OK, bob);
        var keys = await RedisKeysAsync();
        Assert.True(keys.Count >= 2, $"expected the counters of alice and bob in Redis, found: {string.Join(", ", keys)}");
        Assert.All(keys, key => Assert.Matches("^mcpsecure:rate:[0-9a-f]{64}$", key));

        // Redis stopped: each replica counts on its own: 10 on A, then 10 more on B; never unlimited, never a 5xx.
        await ResourceFaults.StopAsync(fixture.App, "redis");
        var carol = Token("carol");
        var onA = new List<HttpStatusCode>();
        var onB = new List<HttpStatusCode>();
        var fallbackTimer = Stopwatch.StartNew();
        for (var i = 0; i <= Limit; i++)
        {
            onA.Add((await SendAsync(a, carol)).Status);
        }
        for (var i = 0; i <= Limit; i++)
        {
            onB.Add((await SendAsync(b, carol)).Status);
        }
        output.WriteLine($"Redis stopped: A {string.Join(' ', onA.Select(s => (int)s))}; B {string.Join(' ', onB.Select(s => (int)s))} ({fallbackTimer.Elapsed.TotalSeconds:0.0} s for {2 * (Limit + 1)} requests)");
        var perReplica = Enumerable.Repeat(HttpStatusCode.OK, Limit).Append(HttpStatusCode.TooManyRequests);
        Assert.Equal(perReplica, onA);
        Assert.Equal(perReplica, onB);
        Assert.Equal("Degraded", await HealthAsync(fixture.GatewayUrl));
        Assert.Equal("Degraded", await HealthAsync(fixture.Replica.BaseUrl));
        Assert.Contains("requests are counted by this replica alone", fixture.Replica.Output, StringComparison.Ordinal);
        var fallbacks = await FallbackCountAsync(fixture.Replica.BaseUrl);
        output.WriteLine($"fallbacks counted by B: {fallbacks}");
        Assert.True(fallbacks >= Limit + 1, $"expected every request on B counted as a fallback, metric says {fallbacks}");

        // Redis back: the next requests reach it again (after the retry interval), the health report recovers, and the
        // limit is shared again.
        await ResourceFaults.StartAsync(fixture.App, "redis");
        var recovery = Stopwatch.StartNew();
        var probe = 0;
        while (await HealthAsync(fixture.GatewayUrl) != "Healthy" || await HealthAsync(fixture.Replica.BaseUrl) != "Healthy")
        {
            Assert.True(recovery.Elapsed < TimeSpan.FromSeconds(90), "the gateways did not use Redis again within 90 s of its restart");
            var token = Token($"probe-{probe++}");
            await SendAsync(a, token);
            await SendAsync(b, token);
            await Task.Delay(500);
        }
        output.WriteLine($"shared again {recovery.Elapsed.TotalSeconds:0.0} s after Redis started ({probe} probe users)");
        var erin = Token("erin");
        var again = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            again.Add((await SendAsync(a, erin)).Status);
            again.Add((await SendAsync(b, erin)).Status);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), again);
        Assert.Contains("shared across replicas again", fixture.Replica.Output, StringComparison.Ordinal);
    }

    /// <summary>A token for a user of this run only (Redis keeps counts for a minute).</summary>
    private string Token(string user)
    {
        var subject = $"{user}-{Guid.NewGuid():N}";
        return fixture.Forge.Create(d => d.Subject = new([new("sub", subject), new("scope", "openid mcp:tools")]));
    }

    private static async Task<(HttpStatusCode Status, TimeSpan? RetryAfter)> SendAsync(Uri mcp, string token)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = McpHttp.Post(mcp, token, Ping);
        using var response = await http.SendAsync(request);
        Assert.True((int)response.StatusCode < 500, $"{mcp} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (response.StatusCode, response.Headers.RetryAfter?.Delta);
    }

    private static async Task<string> HealthAsync(Uri gateway)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.GetAsync(new Uri(gateway, "/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // degraded, never unhealthy because of Redis
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<double> FallbackCountAsync(Uri gateway)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var metrics = await http.GetStringAsync(new Uri(gateway, "/metrics"));
        return metrics.Split('\n')
            .Where(line => line.StartsWith("mcpsecure_gateway_rate_limit_fallbacks", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<List<string>> RedisKeysAsync()
    {
        var port = fixture.App.GetEndpoint("redis", "tcp").Port;
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--scan", "--pattern", "mcpsecure:rate:*" })
        {
            start.ArgumentList.Add(argument);
        }
        using var cli = Process.Start(start)!;
        var keys = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return keys.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
