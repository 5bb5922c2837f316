using System.Collections.Concurrent;
using System.Diagnostics;

namespace McpSecure.Bench;

/// <summary>
/// The AppHost's cold start as a developer sees it: <c>dotnet run --no-build</c> in Embedded mode until the gateway's
/// health endpoint answers (the gateway waits for every other resource to be healthy), then a Ctrl+C stop.
/// Ports of its own so that it does not meet another app on this machine. The figure is the later of the gateway's
/// first healthy answer and the AppHost seeing every resource ready. Each run also records a timeline
/// (<see cref="AppHostLogTimeline"/>), and probes the gateway's and the identity provider's <c>/health</c> every 50 ms.
/// </summary>
internal static class ColdStart
{
    private const int GatewayPort = 19201;
    private const int IdentityPort = 19202;
    private const int DashboardPort = 15888;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary><paramref name="runs"/> cold starts one after the other; the runs that never became healthy are included (null).</summary>
    public static async Task<IReadOnlyList<ColdStartRun>> MeasureManyAsync(string repositoryRoot, string logDirectory, int runs)
    {
        var results = new List<ColdStartRun>();
        for (var i = 1; i <= runs; i++)
        {
            var run = await MeasureAsync(repositoryRoot, Path.Combine(logDirectory, $"apphost-coldstart-{i}.log"));
            Console.WriteLine($"cold start {i}/{runs}: {(run.HealthySeconds is { } s ? $"{s:0.00} s" : "never healthy")}");
            results.Add(run);
        }
        return results;
    }

    public static async Task<ColdStartRun> MeasureAsync(string repositoryRoot, string logFile)
    {
        // The resources of the previous run (or of another app) would answer at once: wait until DCP has stopped them.
        await WaitForPortsFreeAsync([GatewayPort, IdentityPort, DashboardPort]);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = repositoryRoot,
        };
        foreach (var argument in (string[])["run", "--project", "McpSecure.AppHost", "--no-build", "--launch-profile", "http", "--",
                     "--McpSecure:Mode=Embedded", $"--McpSecure:GatewayPort={GatewayPort}", $"--McpSecure:IdentityPort={IdentityPort}",
                     .. AppHostLogTimeline.LoggingArguments])
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var marks = new ConcurrentDictionary<string, double>();
        using var log = new StreamWriter(logFile) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }
            var at = clock.Elapsed.TotalSeconds;
            lock (log)
            {
                log.WriteLine($"{at,7:0.000} {line}");
            }
            if (AppHostLogTimeline.MarkOf(line) is { } mark)
            {
                marks.TryAdd(mark, at);
            }
        }
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var stop = new CancellationTokenSource();
        var identityProbe = ProbeAsync(http, IdentityPort, clock, process, stop.Token);
        double? seconds = null;
        IReadOnlyDictionary<string, double> cpu = new Dictionary<string, double>();
        try
        {
            seconds = await ProbeAsync(http, GatewayPort, clock, process, CancellationToken.None);
            if (seconds is null)
            {
                Console.Error.WriteLine($"bench: the AppHost did not become healthy within {Limit.TotalMinutes:0} minutes; see {logFile}.");
            }
            else
            {
                marks.TryAdd("gateway: /health answered (probe)", seconds.Value);
                // Every resource healthy: the gateway answering is not enough when it does not wait for all of them.
                var allReady = await WaitForEveryResourceReadyAsync(marks, clock, process);
                if (allReady is null)
                {
                    Console.Error.WriteLine($"bench: not every resource became ready within {Limit.TotalMinutes:0} minutes; see {logFile}.");
                }
                seconds = allReady is { } ready ? Math.Max(ready, seconds.Value) : null;
                cpu = CpuByProcess(process.Id);
            }
            await stop.CancelAsync();
            if (await identityProbe is { } identityHealthy)
            {
                marks.TryAdd("identity: /health answered (probe)", identityHealthy);
            }
        }
        finally
        {
            await StopAsync(process);
        }
        return new ColdStartRun(seconds, marks.Select(m => new TimelineMark(m.Key, m.Value)).OrderBy(m => m.Seconds).ToList(), cpu);
    }

    /// <summary>CPU seconds so far of <c>dotnet run</c> and every process below it, summed by <see cref="ProcessStats.Label"/>.</summary>
    private static Dictionary<string, double> CpuByProcess(int root)
    {
        var cpu = new Dictionary<string, double>();
        var ours = ProcessStats.Descendants(root).Prepend(root).ToList();
        // DCP detaches from the AppHost (it watches it with --monitor <pid>); the resources run below DCP.
        var orchestrators = ProcessStats.Monitoring(ours);
        foreach (var pid in ours.Concat(orchestrators).Concat(orchestrators.SelectMany(ProcessStats.Descendants)).Distinct())
        {
            try
            {
                var label = ProcessStats.Label(pid);
                cpu[label] = cpu.GetValueOrDefault(label) + ProcessStats.CpuSeconds(pid);
            }
            catch (IOException)
            {
                // It exited while we looked.
            }
        }
        return cpu;
    }

    /// <summary>
    /// When the AppHost saw the last of its started resources ready (healthy), from the log marks; null when that did
    /// not happen in time.
    /// </summary>
    private static async Task<double?> WaitForEveryResourceReadyAsync(ConcurrentDictionary<string, double> marks, Stopwatch clock, Process process)
    {
        while (clock.Elapsed < Limit && !process.HasExited)
        {
            var started = marks.Keys.Where(k => k.EndsWith(": Starting", StringComparison.Ordinal)).Select(k => k[..^": Starting".Length]).ToList();
            var ready = started.Select(name => marks.TryGetValue($"{name}: ready", out var at) ? at : (double?)null).ToList();
            if (started.Count > 0 && ready.All(r => r is not null))
            {
                var last = ready.Max()!.Value;
                marks.TryAdd("every resource ready", last);
                return last;
            }
            await Task.Delay(ProbeInterval);
        }
        return null;
    }

    private static async Task WaitForPortsFreeAsync(IReadOnlyList<int> ports)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var busy = new List<int>();
            foreach (var port in ports)
            {
                using var client = new System.Net.Sockets.TcpClient();
                try
                {
                    await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                    busy.Add(port);
                }
                catch (System.Net.Sockets.SocketException)
                {
                }
            }
            if (busy.Count == 0)
            {
                return;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException(
                    $"Ports {string.Join(", ", busy)} on 127.0.0.1 are still in use after 60 s; the cold start needs them free (stop what listens there).");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Seconds until <c>/health</c> on <paramref name="port"/> first answered 2xx; null when it never did.</summary>
    private static async Task<double?> ProbeAsync(HttpClient http, int port, Stopwatch clock, Process process, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://localhost:{port}/health");
        while (clock.Elapsed < Limit && !process.HasExited && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            try
            {
                await Task.Delay(ProbeInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Ctrl+C, as a developer stops it (Aspire then stops its orchestrator and resources), sent to the AppHost itself:
    /// <c>dotnet run</c> exits on SIGINT without waiting for it. Killed, with everything below it, if it hangs.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        var appHosts = process.HasExited ? [] : ProcessStats.ChildProcesses(process.Id);
        foreach (var pid in appHosts.Append(process.Id))
        {
            using var interrupt = Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
        }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && (appHosts.Any(pid => Directory.Exists($"/proc/{pid}")) || !process.HasExited))
        {
            await Task.Delay(100);
        }
        foreach (var pid in appHosts.Where(pid => Directory.Exists($"/proc/{pid}")))
        {
            try
            {
                using var appHost = Process.GetProcessById(pid);
                appHost.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // It exited meanwhile.
            }
        }
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
