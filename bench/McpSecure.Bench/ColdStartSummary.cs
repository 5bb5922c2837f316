using System.Globalization;
using System.Text;

namespace McpSecure.Bench;

/// <summary>Several cold starts as one table: the median (and range) of each timeline mark, in the order they happen.</summary>
internal static class ColdStartSummary
{
    /// <summary>The median seconds to the gateway's first healthy answer over the runs that got one; null when none did.</summary>
    public static double? MedianHealthy(IReadOnlyList<ColdStartRun> runs) =>
        Median(runs.Select(r => r.HealthySeconds).OfType<double>().ToList());

    public static string Render(IReadOnlyList<ColdStartRun> runs)
    {
        static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        var healthy = MedianHealthy(runs);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"AppHost cold start (Embedded, dotnet run --no-build to every resource healthy): median {(healthy is { } h ? F(h) + " s" : "never healthy")} " +
            $"over {runs.Count} run(s): {string.Join(", ", runs.Select(r => r.HealthySeconds is { } s ? F(s) : "-"))}");
        text.AppendLine();
        text.AppendLine("| mark | median s | min s | max s | runs |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        var rows = runs.SelectMany(r => r.Marks).GroupBy(m => m.What)
            .Select(g => (What: g.Key, Times: g.Select(m => m.Seconds).ToList()))
            .OrderBy(g => Median(g.Times));
        foreach (var (what, times) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {F(Median(times)!.Value)} | {F(times.Min())} | {F(times.Max())} | {times.Count} |");
        }
        var cpu = runs.SelectMany(r => r.CpuSeconds).GroupBy(c => c.Key)
            .Select(g => (Process: g.Key, Seconds: Median(g.Select(c => c.Value).ToList())!.Value))
            .OrderByDescending(c => c.Seconds).ToList();
        if (cpu.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"CPU time until every resource was ready (median per process; {F(cpu.Sum(c => c.Seconds))} s in all, on {Environment.ProcessorCount} cores):");
            text.AppendLine();
            text.AppendLine("| process | CPU s |");
            text.AppendLine("|---|---:|");
            foreach (var (process, seconds) in cpu)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {process} | {F(seconds)} |");
            }
        }
        return text.ToString();
    }

    private static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
