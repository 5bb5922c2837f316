using System.Diagnostics;

namespace McpSecure.Bench;

/// <summary>
/// The AppHost's cold start as a developer sees it: <c>dotnet run --no-build</c> in Embedded mode until the gateway's
/// health endpoint answers (the gateway waits for every other resource to be healthy), then a Ctrl+C stop.
/// Ports of its own so that it does not meet another app on this machine.
/// </summary>
internal static class ColdStart
{
    private const int GatewayPort = 19201;
    private const int IdentityPort = 19202;

    public static async Task<double?> MeasureAsync(string repositoryRoot, string logDirectory)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = repositoryRoot,
        };
        foreach (var argument in (string[])["run", "--project", "McpSecure.AppHost", "--no-build", "--launch-profile", "http", "--",
                     "--McpSecure:Mode=Embedded", $"--McpSecure:GatewayPort={GatewayPort}", $"--McpSecure:IdentityPort={IdentityPort}"])
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        using var log = new StreamWriter(Path.Combine(logDirectory, "apphost-coldstart.log")) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        double? seconds = null;
        try
        {
            while (clock.Elapsed < TimeSpan.FromMinutes(3) && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync($"http://localhost:{GatewayPort}/health");
                    if (response.IsSuccessStatusCode)
                    {
                        seconds = clock.Elapsed.TotalSeconds;
                        break;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(100);
            }
            if (seconds is null)
            {
                Console.Error.WriteLine("bench: the AppHost did not become healthy within 3 minutes; see bench/out/logs/apphost-coldstart.log.");
            }
        }
        finally
        {
            await StopAsync(process);
        }
        return seconds;
    }

    /// <summary>Ctrl+C, as a developer stops it (Aspire then stops its orchestrator and resources); killed if it hangs.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()]))
        {
            await interrupt.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
