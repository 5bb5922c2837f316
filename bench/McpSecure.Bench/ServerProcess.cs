using System.Diagnostics;
using System.Net.Sockets;

namespace McpSecure.Bench;

/// <summary>
/// A server the benchmark runs: started directly (no Aspire, no development proxy), pinned to the servers' core with
/// <c>taskset</c> when the machine has two, its output in a log file; killed when disposed.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private ServerProcess(string name, Process process, int port)
    {
        Name = name;
        this.process = process;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment,
        int port, string logDirectory, string? cpuList)
    {
        var startInfo = new ProcessStartInfo(cpuList is null ? fileName : "taskset")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (cpuList is not null)
        {
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(cpuList);
            startInfo.ArgumentList.Add(fileName);
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{name} did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(name, process, port);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Waits until <paramref name="healthUrl"/> answers 200 (or, without one, until the port accepts connections).</summary>
    public async Task WaitReadyAsync(Uri? healthUrl, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was ready; see its log in bench/out/logs/{Name}.log.");
            }
            try
            {
                if (healthUrl is null)
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", Port);
                    return;
                }
                using var response = await http.GetAsync(healthUrl);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s on port {Port}; see bench/out/logs/{Name}.log.");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }
}
