using ScottPlot;

namespace McpSecure.Bench;

/// <summary>The README's charts: throughput and p99 latency, per call and concurrency (groups) and path (bars).</summary>
internal static class ChartWriter
{
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<Measurement> measurements)
    {
        return
        [
            Chart(directory, "throughput.png", "Requests per second (higher is better)", "req/s", measurements, m => m.RequestsPerSecond),
            Chart(directory, "p99.png", "p99 latency (lower is better)", "ms", measurements, m => m.P99Ms),
        ];
    }

    private static string Chart(string directory, string file, string title, string unit, IReadOnlyList<Measurement> measurements,
        Func<Measurement, double> value)
    {
        var paths = measurements.Select(m => m.Path).Distinct().ToList();
        var groups = measurements.Select(m => (m.Call, m.Concurrency)).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var g = 0; g < groups.Count; g++)
        {
            var center = g * (paths.Count + 1);
            for (var p = 0; p < paths.Count; p++)
            {
                if (measurements.FirstOrDefault(m => m.Path == paths[p] && (m.Call, m.Concurrency) == groups[g]) is { } m)
                {
                    bars.Add(new Bar { Position = center + p, Value = value(m), FillColor = palette.GetColor(p) });
                }
            }
            ticks.Add(new Tick(center + (paths.Count - 1) / 2.0, $"{groups[g].Call}\nc={groups[g].Concurrency}"));
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        for (var p = 0; p < paths.Count; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = paths[p], FillColor = palette.GetColor(p) });
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.YLabel(unit);
        plot.Axes.Margins(bottom: 0);
        var path = Path.Combine(directory, file);
        plot.SavePng(path, Math.Max(900, groups.Count * 140), 520);
        return path;
    }
}
