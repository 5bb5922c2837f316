using System.Diagnostics;
using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.ScaleOut;

/// <summary>
/// One McpSecure.Identity process (its build output, <c>dotnet McpSecure.Identity.dll</c>) on its own loopback port,
/// configured by environment variables, its output kept for assertions; killed on dispose.
/// </summary>
public sealed class IdentityReplicaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private IdentityReplicaProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where this replica listens (not necessarily the issuer: replicas share one issuer).</summary>
    public Uri Url { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The build output of McpSecure.Identity, in the test project's configuration (the AppHost's project reference builds it).</summary>
    public static string Assembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryTools.Root, "McpSecure.Identity", "bin", configuration, "net10.0", "McpSecure.Identity.dll");
        }
    }

    public static IdentityReplicaProcess Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = Assembly;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build McpSecure.Identity (dotnet build McpSecure.slnx).");
        }

        var startInfo = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        return new IdentityReplicaProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until <c>/health</c> answers 200 (seeded, database reachable); fails with the output when the process exits first.</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        http.Timeout = TimeSpan.FromSeconds(10);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"McpSecure.Identity at {Url} exited with code {_process.ExitCode}:\n{Tail(Output)}");
            }
            try
            {
                using var health = await http.GetAsync(new Uri(Url, "/health"), cancellationToken);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Waits until the process exits by itself (a start-up failure), within <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string Tail(string text) => text.Length > 6000 ? "…" + text[^6000..] : text;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
