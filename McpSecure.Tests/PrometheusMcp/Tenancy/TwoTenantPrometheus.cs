using System.Diagnostics;
using System.Globalization;
using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.PrometheusMcp.Tenancy;

/// <summary>
/// A real Prometheus 2.42 (the apt package, as a process) holding backfilled data of two tenants, and the built
/// McpSecure.PrometheusMcp in front of it with <c>Tenancy:Mode=Label</c>. Per minute for an hour from <see cref="Start"/>:
/// tfx_load{tenant="team-a",instance="a1"} = 1, {…"a2"} = 2; tfx_load{tenant="team-b",instance="b1"|"b2"|"b3"} = 1000,
/// 2000, 3000; tfx_secret{tenant="team-b"} = 5000; tfx_untenanted{instance="x"} = 7000. Everything team-a may see is
/// below 1000, everything else at least 1000.
/// </summary>
public sealed class TwoTenantPrometheus : IAsyncLifetime
{
    public const string SigningKey = "standalone-test-key-of-at-least-32-bytes";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"mcpsecure-tenancy-{Guid.NewGuid():N}");
    private Process? _prometheus;

    public TwoTenantPrometheus() => Start = StartFor(DateTimeOffset.UtcNow);

    /// <summary>Backfilled blocks must be older than the head block: the data starts three hours ago, on a minute.</summary>
    public static DateTimeOffset StartFor(DateTimeOffset now)
    {
        var threeHoursAgo = now.AddHours(-3).ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(threeHoursAgo - threeHoursAgo % 60);
    }

    public DateTimeOffset Start { get; }

    /// <summary>The instant the tests evaluate at: the last sample.</summary>
    public DateTimeOffset At => Start.AddMinutes(59);

    public Uri PrometheusUrl { get; private set; } = null!;

    public StandaloneMcpServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tsdb = Path.Combine(_folder, "data");
        Directory.CreateDirectory(tsdb);
        var input = Path.Combine(_folder, "two-tenants.openmetrics");
        await File.WriteAllTextAsync(input, OpenMetrics(Start));
        var promtool = McpSecure.AppHost.ExecutableLocator.Find("promtool") ?? throw new InvalidOperationException("promtool is not on PATH (apt-get install prometheus).");
        var backfill = await ExternalProcess.RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", input, tsdb], null, _folder, TimeSpan.FromMinutes(3));
        Assert.True(backfill.ExitCode == 0, $"promtool backfill failed: {backfill}");

        var config = Path.Combine(_folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1h\n");
        var port = Loopback.FreeTcpPort();
        PrometheusUrl = new Uri($"http://127.0.0.1:{port}/");
        var prometheus = McpSecure.AppHost.ExecutableLocator.Find("prometheus") ?? throw new InvalidOperationException("prometheus is not on PATH (apt-get install prometheus).");
        _prometheus = Process.Start(new ProcessStartInfo(prometheus,
            [$"--config.file={config}", $"--web.listen-address=127.0.0.1:{port}", $"--storage.tsdb.path={tsdb}", "--log.level=warn"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _prometheus.BeginOutputReadLine();
        _prometheus.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(_prometheus.HasExited, "Prometheus exited at start-up.");
            try
            {
                if ((await http.GetAsync(new Uri(PrometheusUrl, "-/ready"))).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "Prometheus did not become ready within 90 s.");
            await Task.Delay(200);
        }

        Server = StandaloneMcpServer.Start($"Prometheus:BaseUrl={PrometheusUrl}", "Tenancy:Mode=Label", $"GatewayIdentity:SigningKey={SigningKey}");
        Assert.True(await Server.WaitUntilReadyAsync(), $"The MCP server did not start:\n{Server.Log}");
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill(entireProcessTree: true);
            await _prometheus.WaitForExitAsync();
        }
        _prometheus?.Dispose();
        TempFolder.TryDelete(_folder);
    }

    /// <summary>The two tenants' data (see the class summary) as OpenMetrics, one sample a minute for an hour from <paramref name="start"/>.</summary>
    public static string OpenMetrics(DateTimeOffset start)
    {
        var text = new StringBuilder();
        void Gauge(string name, params (string Labels, double Value)[] series)
        {
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} gauge\n");
            foreach (var (labels, value) in series)
            {
                for (var k = 0; k < 60; k++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value} {start.AddMinutes(k).ToUnixTimeSeconds()}\n");
                }
            }
        }
        Gauge("tfx_load", ("tenant=\"team-a\",instance=\"a1\"", 1), ("tenant=\"team-a\",instance=\"a2\"", 2),
            ("tenant=\"team-b\",instance=\"b1\"", 1000), ("tenant=\"team-b\",instance=\"b2\"", 2000), ("tenant=\"team-b\",instance=\"b3\"", 3000));
        Gauge("tfx_secret", ("tenant=\"team-b\",instance=\"b1\"", 5000));
        Gauge("tfx_untenanted", ("instance=\"x\"", 7000));
        return text.Append("# EOF\n").ToString();
    }
}
