using System.Diagnostics;
using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// The built McpSecure.PrometheusMcp started as its own process with the given configuration, for tests about its
/// connection to Prometheus (credentials, headers, unreachable backends, start-up validation) that the AppHost's
/// single configuration cannot show.
/// </summary>
public sealed class StandaloneMcpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private StandaloneMcpServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public Uri McpUrl => new(Url, "/mcp");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static StandaloneMcpServer Start(params string[] settings)
    {
        var project = Path.GetDirectoryName(new Projects.McpSecure_PrometheusMcp().ProjectPath)!;
        // Same configuration (Debug/Release) as this test assembly: …/McpSecure.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "McpSecure.PrometheusMcp.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        var url = new Uri($"http://127.0.0.1:{Loopback.FreeTcpPort()}");
        // The gateway identity key is required at start-up; these tests forward no identity, so any valid key will do.
        string[] required = ["GatewayIdentity:SigningKey=standalone-test-key-of-at-least-32-bytes"];
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url.AbsoluteUri, .. required.Concat(settings).Select(s => $"--{s}")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" },
        };
        return new StandaloneMcpServer(Process.Start(start)!, url);
    }

    /// <summary>Waits until /health answers (true) or the process exits (false).</summary>
    public async Task<bool> WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                return false;
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/alive"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The standalone MCP server neither started nor exited. Log:\n{Log}");
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
