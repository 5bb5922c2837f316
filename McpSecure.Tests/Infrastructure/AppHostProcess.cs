using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// An Aspire AppHost started the way a developer starts it (<c>dotnet run --project … --launch-profile http</c>), with
/// its dashboard and orchestrator, and stopped the way Ctrl+C stops it. <see cref="StopAsync"/> then checks that every
/// process it ran has ended, including those it detached (Aspire's orchestrator, DCP, runs in its own session and
/// watches the AppHost's process id), and kills and reports any that did not.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process dotnetRun;
    private readonly StringBuilder output = new();
    private readonly string folder;
    private IReadOnlyList<ProcessTree.Entry>? leftOver;

    private AppHostProcess(Process dotnetRun, string folder)
    {
        this.dotnetRun = dotnetRun;
        this.folder = folder;
    }

    /// <summary>What the AppHost printed so far (the dashboard's login token masked).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return DashboardToken().Replace(output.ToString(), "t=***");
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="project"/> (built already) and waits until <paramref name="healthUrl"/> answers 200.
    /// <paramref name="appFolder"/> is the solution's folder: any process still running from it after the stop is a leak.
    /// </summary>
    public static async Task<AppHostProcess> StartAsync(string project, string appFolder, IEnumerable<string> arguments, Uri healthUrl, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = appFolder,
        };
        foreach (var argument in (string[])["run", "--project", project, "--no-build", "--launch-profile", "http", "--", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet run did not start.");
        var host = new AppHostProcess(process, appFolder);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await host.WaitUntilHealthyAsync(healthUrl, timeout);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the AppHost as Ctrl+C does (SIGTERM: it stops its resources), waits for every process it ran to end, kills
    /// those that do not, and returns them (empty when the stop was clean).
    /// </summary>
    public async Task<IReadOnlyList<ProcessTree.Entry>> StopAsync()
    {
        if (leftOver is not null)
        {
            return leftOver;
        }
        var all = ProcessTree.Snapshot();
        var appHost = all.Where(e => e.ParentPid == dotnetRun.Id).Select(e => e.Pid).ToList();
        var monitoring = all.Where(e => Monitors(e, appHost)).Select(e => e.Pid);
        var started = ProcessTree.WithDescendants(all, [dotnetRun.Id, .. appHost, .. monitoring]);

        foreach (var pid in appHost.Count > 0 ? appHost : [dotnetRun.Id])
        {
            ProcessTree.Terminate(pid);
        }
        var remaining = await ProcessTree.WaitUntilGoneAsync(started, StopTimeout);
        // Anything else still running from the app's folder (a process that escaped the tree).
        var strays = ProcessTree.Snapshot().Where(e => ProcessTree.IsAlive(e) && e.CommandLine.Contains(folder, StringComparison.Ordinal));
        leftOver = [.. remaining.Concat(strays).DistinctBy(e => e.Pid)];
        foreach (var entry in leftOver)
        {
            ProcessTree.Kill(entry);
        }
        return leftOver;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        dotnetRun.Dispose();
    }

    private async Task WaitUntilHealthyAsync(Uri healthUrl, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (dotnetRun.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with {dotnetRun.ExitCode} before {healthUrl} answered:\n{Tail(Output)}");
            }
            try
            {
                using var response = await http.GetAsync(healthUrl);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{healthUrl} did not answer 200 within {timeout}:\n{Tail(Output)}");
    }

    /// <summary>DCP's API server: <c>dcp start-apiserver --monitor &lt;AppHost pid&gt;</c>.</summary>
    private static bool Monitors(ProcessTree.Entry entry, IReadOnlyList<int> pids)
    {
        for (var i = 0; i + 1 < entry.Arguments.Count; i++)
        {
            if (entry.Arguments[i] == "--monitor" && int.TryParse(entry.Arguments[i + 1], out var pid) && pids.Contains(pid))
            {
                return true;
            }
        }
        return false;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(string text) => text.Length > 6000 ? "…" + text[^6000..] : text;

    [GeneratedRegex(@"t=[0-9a-f]{16,}")]
    private static partial Regex DashboardToken();
}
