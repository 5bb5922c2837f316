using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// A bounded, seeded fuzz run against the gateway on a real Kestrel (raw bytes on a socket, so that paths, headers and
/// framings reach it exactly as written): no 5xx, no hang, the gateway still serves afterwards, and no request reached
/// the MCP server without the valid token (the server's own record, by case number). Prints its seed and counts;
/// <c>MCPSECURE_FUZZ_SEED</c> replays a run, <c>MCPSECURE_RELIABILITY_FULL=1</c> or <c>MCPSECURE_FUZZ_CASES</c> makes it bigger.
/// </summary>
public sealed class GatewayFuzzTests(ITestOutputHelper output)
{
    private const int Parallelism = 8;
    private static readonly TimeSpan NotAHang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Random_and_mutated_requests_get_no_5xx_no_hang_and_none_without_the_valid_token_reaches_the_server()
    {
        var seed = RunSize.FuzzSeed;
        var count = RunSize.FuzzCases;
        output.WriteLine($"fuzz seed {seed} (replay: MCPSECURE_FUZZ_SEED={seed}), {count} cases");
        var upstream = new CountingUpstream();
        using var gateway = new GatewayApp();
        // The run is many requests of one user: the per-user rate limit is not what it tests.
        gateway.Settings["Gateway:Limits:RequestsPerUser:PermitLimit"] = "0";
        using var kestrel = new KestrelGateway(gateway, upstream);
        var validToken = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d => d.Expires = DateTime.UtcNow.AddHours(1));
        var generator = new FuzzCases(seed, validToken);
        var cases = Enumerable.Range(0, count).Select(generator.Next).ToList();

        var outcomes = new ConcurrentDictionary<int, int?>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (fuzz, _) =>
            outcomes[fuzz.Number] = await SendAsync(kestrel.Port, fuzz));
        started.Stop();

        var statuses = outcomes.Values.GroupBy(s => s?.ToString() ?? "closed").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var reached = upstream.Received.ToList();
        output.WriteLine($"{count} cases in {started.Elapsed.TotalSeconds:0.0} s; answers {string.Join(", ", statuses)}; " +
                         $"{cases.Count(c => c.CarriesValidToken)} carried the valid token; {reached.Count} reached the MCP server");

        var serverErrors = cases.Where(c => outcomes[c.Number] >= 500).ToList();
        Assert.True(serverErrors.Count == 0, $"5xx for: {string.Join("\n", serverErrors.Take(5).Select(c => $"{c} -> {outcomes[c.Number]}\n{c.Head}"))}");
        var unanswered = cases.Where(c => outcomes[c.Number] is null && !c.BrokenFraming).ToList();
        Assert.True(unanswered.Count == 0, $"no answer for well-framed requests: {string.Join("\n", unanswered.Take(5).Select(c => $"{c}\n{c.Head}"))}");

        var byNumber = cases.ToDictionary(c => c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var intruders = reached.Where(r => r.Case is null || !byNumber.TryGetValue(r.Case, out var fuzz) || !fuzz.CarriesValidToken).ToList();
        Assert.True(intruders.Count == 0, $"reached the MCP server without the valid token: {string.Join("\n", intruders.Take(5).Select(r => r.Case is null ? "no case number" : byNumber[r.Case].ToString()))}");
        Assert.All(reached, r => Assert.NotEqual("forged.identity.value", r.Identity));
        Assert.All(reached, r => Assert.False(string.IsNullOrEmpty(r.Identity)));
        Assert.NotEmpty(reached); // the run did exercise the way through, not only refusals

        using var client = kestrel.CreateClient();
        using var after = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Encoding.UTF8, "application/json") };
        after.Headers.Authorization = new("Bearer", validToken);
        after.Headers.Accept.ParseAdd("application/json, text/event-stream");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(after)).StatusCode);
    }

    /// <summary>The final status the gateway answered (after any 1xx), or null when it closed without one.</summary>
    private static async Task<int?> SendAsync(int port, FuzzCase fuzz)
    {
        using var timeout = new CancellationTokenSource(NotAHang);
        using var tcp = new TcpClient();
        var received = new MemoryStream();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = tcp.GetStream();
            try
            {
                await stream.WriteAsync(fuzz.Bytes, timeout.Token);
            }
            catch (IOException)
            {
                // The gateway refused early (e.g. 431 or 413) and closed while the rest was still being written.
            }
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (IOException)
            {
                // Reset after the answer (or instead of one): what was read so far counts.
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"no end of answer within {NotAHang}: {fuzz}\n{fuzz.Head}");
        }
        var text = Encoding.Latin1.GetString(received.ToArray());
        int? status = null;
        foreach (var line in text.Split("\r\n"))
        {
            if (line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), out var code) && code >= 200)
            {
                status = code;
                break;
            }
        }
        return status;
    }
}
