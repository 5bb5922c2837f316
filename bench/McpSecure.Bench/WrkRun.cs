using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace McpSecure.Bench;

/// <summary>One measurement by wrk (from apt), pinned to the load generator's core; figures from its Lua <c>done()</c>.</summary>
internal sealed record WrkRun(long Requests, double Seconds, long Errors, double P50Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    public static async Task<WrkRun> RunAsync(string script, Uri url, McpCall call, int concurrency, int seconds,
        IReadOnlyDictionary<string, string> headers, string? cpuList)
    {
        var startInfo = new ProcessStartInfo(cpuList is null ? "wrk" : "taskset")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var arguments = new List<string>();
        if (cpuList is not null)
        {
            arguments.AddRange(["-c", cpuList, "wrk"]);
        }
        arguments.AddRange(["-t1", $"-c{concurrency}", $"-d{seconds}s", "--timeout", "10s", "-s", script, url.AbsoluteUri]);
        arguments.ForEach(startInfo.ArgumentList.Add);
        startInfo.Environment["BENCH_BODY"] = call.Body;
        startInfo.Environment["BENCH_PROTOCOL_VERSION"] = McpCall.ProtocolVersion;
        startInfo.Environment["BENCH_HEADERS"] = string.Join('\n', headers.Select(h => $"{h.Key}: {h.Value}"));

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH_RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}): {text} {await error}");
        var result = JsonDocument.Parse(line["BENCH_RESULT ".Length..]).RootElement;
        double Ms(string name) => result.GetProperty(name).GetDouble() / 1000.0;
        long Count(string name) => result.GetProperty(name).GetInt64();
        return new WrkRun(
            Count("requests"),
            result.GetProperty("duration_us").GetDouble() / 1e6,
            Count("errors_connect") + Count("errors_read") + Count("errors_write") + Count("errors_status") + Count("errors_timeout"),
            Ms("p50"), Ms("p99"), Ms("p999"), Ms("max"));
    }

    public static string WriteScript(string directory)
    {
        var path = Path.Combine(directory, "mcp-post.lua");
        File.WriteAllText(path, """
            -- An MCP request as a streamable-HTTP client sends it: POST with a JSON-RPC body and the MCP headers.
            wrk.method = "POST"
            wrk.body = os.getenv("BENCH_BODY")
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Accept"] = "application/json, text/event-stream"
            wrk.headers["MCP-Protocol-Version"] = os.getenv("BENCH_PROTOCOL_VERSION")
            for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
              local name, value = string.match(line, "^([^:]+): (.*)$")
              if name then wrk.headers[name] = value end
            end

            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format(
                'BENCH_RESULT {"requests":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
                '"errors_status":%d,"errors_timeout":%d,"p50":%d,"p99":%d,"p999":%d,"max":%d}\n',
                summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
            end
            """);
        return path;
    }
}
