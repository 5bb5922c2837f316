using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// A bounded load run: <c>count</c> authenticated JSON-RPC requests (mostly <c>ping</c>, every tenth <c>tools/list</c>)
/// at a fixed concurrency, each answer checked against its own request id. Returns what happened, not only how fast.
/// </summary>
public sealed class LoadRun(Uri mcpUrl, string token, int concurrency)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private long _nextId = 1_000_000;

    public sealed record Figures(int Requests, int Ok, int ServerErrors, int OtherStatus, int Mismatched, int Lost, TimeSpan Elapsed,
        double P50Milliseconds, double P99Milliseconds, IReadOnlyList<string> Samples)
    {
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

        public override string ToString() =>
            $"{Requests} requests at {RequestsPerSecond:0} req/s, p50 {P50Milliseconds:0.0} ms, p99 {P99Milliseconds:0.0} ms; " +
            $"ok {Ok}, 5xx {ServerErrors}, other status {OtherStatus}, mismatched {Mismatched}, lost {Lost}";
    }

    public async Task<Figures> RunAsync(int count)
    {
        var latencies = new ConcurrentBag<double>();
        var problems = new ConcurrentQueue<string>();
        int ok = 0, serverErrors = 0, otherStatus = 0, mismatched = 0, lost = 0, issued = 0;
        var started = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref issued) <= count)
            {
                var id = Interlocked.Increment(ref _nextId);
                var method = id % 10 == 0 ? "tools/list" : "ping";
                var begun = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
                    {
                        Content = new StringContent($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}""", Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    request.Headers.Accept.ParseAdd("application/json, text/event-stream");
                    using var response = await _http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                    if ((int)response.StatusCode >= 500)
                    {
                        Interlocked.Increment(ref serverErrors);
                        problems.Enqueue($"{(int)response.StatusCode} for id {id}: {text}");
                        continue;
                    }
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref otherStatus);
                        problems.Enqueue($"{(int)response.StatusCode} for id {id}: {text}");
                        continue;
                    }
                    var answer = JsonRpcAnswer.For(JsonRpcAnswer.Messages(response.Content.Headers.ContentType?.MediaType, text), id);
                    if (answer is not { } message || !message.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
                    {
                        Interlocked.Increment(ref mismatched);
                        problems.Enqueue($"no result for id {id}: {text}");
                        continue;
                    }
                    Interlocked.Increment(ref ok);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException or JsonException)
                {
                    Interlocked.Increment(ref lost);
                    problems.Enqueue($"id {id} lost: {exception.GetType().Name}: {exception.Message}");
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        started.Stop();
        var sorted = latencies.OrderBy(l => l).ToArray();
        return new Figures(count, ok, serverErrors, otherStatus, mismatched, lost, started.Elapsed,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), [.. problems.Take(5)]);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
