using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpSecure.Bench;

/// <summary>Raw results (JSON and CSV), the README table and the goals, written by the benchmark itself.</summary>
internal static class ResultWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteRaw(string directory, BenchReport report)
    {
        File.WriteAllText(Path.Combine(directory, "results.json"),
            JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));

        var csv = new StringBuilder("path,call,concurrency,runs,requests_per_second,p50_ms,p99_ms,p999_ms,errors,requests,proxy_cpu_ms_per_request,provider_cpu_ms_per_request,mcp_server_cpu_ms_per_request,proxy_peak_rss_mb\n");
        foreach (var m in report.Measurements)
        {
            csv.AppendLine(string.Join(',', m.Path, m.Call, m.Concurrency, m.Runs, F(m.RequestsPerSecond, 1), F(m.P50Ms, 3), F(m.P99Ms, 3),
                F(m.P999Ms, 3), m.Errors, m.Requests, F(m.ProxyCpuMsPerRequest, 4), F(m.ProviderCpuMsPerRequest, 4),
                F(m.McpServerCpuMsPerRequest, 4), F(m.ProxyPeakRssMb, 1)));
        }
        File.WriteAllText(Path.Combine(directory, "results.csv"), csv.ToString());
    }

    public static string Summary(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"Machine: {report.Machine}. Load generator: wrk (1 thread) pinned to CPU {report.LoadCpu ?? "any"}, servers pinned to CPU {report.ServerCpu ?? "any"}. ");
        text.AppendLine($"{report.Runs} run(s) of {report.DurationSeconds} s per cell after a {report.WarmupSeconds} s warm-up, median shown. Token: {report.TokenSource}. Gateway build: {report.GatewayBuild}.");
        text.AppendLine();
        text.AppendLine("| Call | Conc. | Path | req/s | p50 ms | p99 ms | p99.9 ms | errors | protection CPU ms/req |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var m in report.Measurements)
        {
            text.AppendLine($"| {m.Call} | {m.Concurrency} | {m.Path} | {F(m.RequestsPerSecond, 0)} | {F(m.P50Ms, 2)} | {F(m.P99Ms, 2)} | {F(m.P999Ms, 2)} | {m.Errors} | {(m.Path == BenchPath.Direct ? "–" : F(m.ProtectionCpuMsPerRequest, 3))} |");
        }
        text.AppendLine();
        text.AppendLine("| Call | Conc. | gateway/direct (req/s) | gateway/nginx design (req/s) | introspection/direct | gateway CPU / (nginx + provider CPU) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var group in report.Measurements.GroupBy(m => (m.Call, m.Concurrency)))
        {
            var direct = group.FirstOrDefault(m => m.Path == BenchPath.Direct);
            var gateway = group.FirstOrDefault(m => m.Path == BenchPath.GatewayJwt);
            var introspection = group.FirstOrDefault(m => m.Path == BenchPath.GatewayIntrospection);
            var nginx = group.FirstOrDefault(m => m.Path == BenchPath.Nginx);
            text.AppendLine($"| {group.Key.Call} | {group.Key.Concurrency} | {Ratio(gateway?.RequestsPerSecond, direct?.RequestsPerSecond)} | " +
                $"{Ratio(gateway?.RequestsPerSecond, nginx?.RequestsPerSecond)} | {Ratio(introspection?.RequestsPerSecond, direct?.RequestsPerSecond)} | " +
                $"{Ratio(gateway?.ProtectionCpuMsPerRequest, nginx?.ProtectionCpuMsPerRequest)} |");
        }
        text.AppendLine();
        text.AppendLine($"Gateway (JWT) resident memory: {F(report.GatewayIdleRssMb, 0)} MB idle, {F(report.GatewayPeakRssMb, 0)} MB at most under load. " +
            (report.ColdStartSeconds is { } cold ? $"AppHost cold start (Embedded, `dotnet run --no-build` to every resource healthy): {F(cold, 1)} s." : "AppHost cold start: not measured in this run."));
        text.AppendLine();
        text.AppendLine("Goals (printed, not asserted):");
        foreach (var goal in report.Goals)
        {
            text.AppendLine($"- {goal}");
        }
        return text.ToString();
    }

    public static IReadOnlyList<string> Goals(IReadOnlyList<Measurement> all, double gatewayPeakRss, double? coldStart)
    {
        var goals = new List<string>();
        Measurement? Find(string path, int concurrency) =>
            all.FirstOrDefault(m => m.Path == path && m.Call == McpCall.ToolsList.Name && m.Concurrency == concurrency);
        string Verdict(bool met) => met ? "met" : "NOT met";

        if (Find(BenchPath.GatewayJwt, 32) is { } g32 && Find(BenchPath.Direct, 32) is { } d32)
        {
            var ratio = g32.RequestsPerSecond / d32.RequestsPerSecond;
            goals.Add($"gateway ≥ 0.9 × direct at concurrency 32 (tools/list): {F(ratio, 2)} × — {Verdict(ratio >= 0.9)}");
        }
        if (Find(BenchPath.GatewayJwt, 1) is { } g1 && Find(BenchPath.Direct, 1) is { } d1)
        {
            var p50 = g1.P50Ms - d1.P50Ms;
            var p99 = g1.P99Ms - d1.P99Ms;
            goals.Add($"added latency at concurrency 1 ≤ 0.3 ms p50 and ≤ 1 ms p99: +{F(p50, 2)} ms p50, +{F(p99, 2)} ms p99 — {Verdict(p50 <= 0.3 && p99 <= 1)}");
        }
        if (Find(BenchPath.GatewayJwt, 32) is { } gn && Find(BenchPath.Nginx, 32) is { } n32)
        {
            var ratio = gn.RequestsPerSecond / n32.RequestsPerSecond;
            var cpu = gn.ProtectionCpuMsPerRequest / n32.ProtectionCpuMsPerRequest;
            goals.Add($"gateway ≥ 3 × nginx design at concurrency 32: {F(ratio, 2)} × — {Verdict(ratio >= 3)}");
            goals.Add($"gateway CPU per request ≤ 1/3 of nginx + provider: {F(cpu, 2)} — {Verdict(cpu <= 1.0 / 3)}");
        }
        goals.Add($"gateway resident memory ≤ 100 MB under load: {F(gatewayPeakRss, 0)} MB — {Verdict(gatewayPeakRss <= 100)}");
        if (coldStart is { } cold)
        {
            goals.Add($"cold start ≤ 12 s: {F(cold, 1)} s — {Verdict(cold <= 12)}");
        }
        return goals;
    }

    private static string Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? F(x / y, 2) : "–";

    private static string F(double value, int decimals) => value.ToString("F" + decimals, Invariant);
}
