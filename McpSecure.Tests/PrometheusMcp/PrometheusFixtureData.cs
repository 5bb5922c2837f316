using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// Deterministic Prometheus data for the MCP tool tests, backfilled with <c>promtool tsdb create-blocks-from openmetrics</c>
/// into the TSDB folder before Prometheus starts. Prometheus serves backfilled blocks only if they are older than its head
/// block, so the data is written relative to now: one sample a minute from <see cref="Start"/> (6 h ago, on a minute)
/// for 3 hours. Every value is a simple function of the minute index k, so tests can assert exact results.
/// </summary>
public sealed class PrometheusFixtureData
{
    public const int Minutes = 180;
    public const int ManySeries = 150;

    public PrometheusFixtureData(DateTimeOffset now)
    {
        var sixHoursAgo = now.AddHours(-6).ToUnixTimeSeconds();
        Start = DateTimeOffset.FromUnixTimeSeconds(sixHoursAgo - sixHoursAgo % 60);
    }

    /// <summary>Time of the first sample (k = 0).</summary>
    public DateTimeOffset Start { get; }

    public DateTimeOffset At(int minute) => Start.AddMinutes(minute);

    public long Unix(int minute) => At(minute).ToUnixTimeSeconds();

    /// <summary>
    /// The series, all at minute k (0…180):
    /// mcpfx_temperature_celsius{room="lab"} = k, {room="office"} = 20.5;
    /// mcpfx_requests_total{job="api",instance="api-1:8080",code="200"} = 10k, {…code="500"} = k, {instance="api-2:8080",code="200"} = 10k;
    /// histogram mcpfx_request_duration_seconds{job="api"}: buckets 0.1 → 50k, 0.5 → 90k, 1 → 100k, +Inf → 100k, sum 25k, count 100k;
    /// mcpfx_special_value{kind="nan"} = NaN, {kind="inf"} = +Inf; mcpfx_many{i="000"…"149"} = i.
    /// </summary>
    public string OpenMetrics()
    {
        var text = new StringBuilder();
        void Series(string series, Func<int, string> value)
        {
            for (var k = 0; k <= Minutes; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{series} {value(k)} {Unix(k)}\n");
            }
        }
        string N(double v) => v.ToString(CultureInfo.InvariantCulture);

        text.Append("# TYPE mcpfx_temperature_celsius gauge\n# HELP mcpfx_temperature_celsius Room temperature.\n");
        Series("mcpfx_temperature_celsius{room=\"lab\"}", k => N(k));
        Series("mcpfx_temperature_celsius{room=\"office\"}", _ => "20.5");

        text.Append("# TYPE mcpfx_requests counter\n# HELP mcpfx_requests Requests served.\n");
        Series("mcpfx_requests_total{job=\"api\",instance=\"api-1:8080\",code=\"200\"}", k => N(10 * k));
        Series("mcpfx_requests_total{job=\"api\",instance=\"api-1:8080\",code=\"500\"}", k => N(k));
        Series("mcpfx_requests_total{job=\"api\",instance=\"api-2:8080\",code=\"200\"}", k => N(10 * k));

        text.Append("# TYPE mcpfx_request_duration_seconds histogram\n# HELP mcpfx_request_duration_seconds Request latency.\n");
        for (var k = 0; k <= Minutes; k++)
        {
            foreach (var (le, perMinute) in new[] { ("0.1", 50), ("0.5", 90), ("1.0", 100), ("+Inf", 100) })
            {
                text.Append(CultureInfo.InvariantCulture, $"mcpfx_request_duration_seconds_bucket{{job=\"api\",le=\"{le}\"}} {perMinute * k} {Unix(k)}\n");
            }
            text.Append(CultureInfo.InvariantCulture, $"mcpfx_request_duration_seconds_sum{{job=\"api\"}} {25 * k} {Unix(k)}\n");
            text.Append(CultureInfo.InvariantCulture, $"mcpfx_request_duration_seconds_count{{job=\"api\"}} {100 * k} {Unix(k)}\n");
        }

        text.Append("# TYPE mcpfx_special_value gauge\n");
        Series("mcpfx_special_value{kind=\"nan\"}", _ => "NaN");
        Series("mcpfx_special_value{kind=\"inf\"}", _ => "+Inf");

        text.Append("# TYPE mcpfx_many gauge\n");
        for (var i = 0; i < ManySeries; i++)
        {
            Series($"mcpfx_many{{i=\"{i:000}\"}}", _ => N(i));
        }
        return text.Append("# EOF\n").ToString();
    }

    /// <summary>Writes the OpenMetrics file and backfills it into <paramref name="tsdbPath"/> with promtool.</summary>
    public async Task BackfillAsync(string tsdbPath, CancellationToken cancellationToken)
    {
        var promtool = McpSecure.AppHost.ExecutableLocator.Find("promtool")
            ?? throw new InvalidOperationException($"The Prometheus MCP tests backfill data with `promtool`, which is not on PATH. {McpSecure.AppHost.PrometheusResourceExtensions.InstallHint}");
        Directory.CreateDirectory(tsdbPath);
        var input = Path.Combine(Path.GetDirectoryName(tsdbPath)!, "mcpfx.openmetrics");
        await File.WriteAllTextAsync(input, OpenMetrics(), cancellationToken);

        using var process = Process.Start(new ProcessStartInfo(promtool, ["tsdb", "create-blocks-from", "openmetrics", input, tsdbPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"promtool backfill failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
