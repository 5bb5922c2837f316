using System.Diagnostics;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// A second gateway process, started exactly as Aspire started the app's gateway (same executable, arguments and
/// environment: same issuer, public URL, so the same tokens) but on its own port and in front of another upstream.
/// Killed with its process tree on disposal.
/// </summary>
public sealed class GatewayReplica : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private GatewayReplica(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public Uri McpUrl => new(BaseUrl, "/mcp");
    public int ProcessId => _process.Id;

    public static async Task<GatewayReplica> StartAsync(int gatewayProcessId, Uri upstreamMcpUrl, TimeSpan timeout)
    {
        var arguments = File.ReadAllText($"/proc/{gatewayProcessId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var environment = File.ReadAllText($"/proc/{gatewayProcessId}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).Where(e => e.Length == 2).ToDictionary(e => e[0], e => e[1]);
        var port = Loopback.FreeTcpPort();
        var start = new ProcessStartInfo(arguments[0])
        {
            WorkingDirectory = Path.GetFullPath($"/proc/{gatewayProcessId}/cwd/"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var (name, value) in environment.Where(e => !IsEndpointSetting(e.Key)))
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Gateway__UpstreamUrl"] = upstreamMcpUrl.AbsoluteUri;
        start.Environment["Gateway__Upstream__HealthCheckPath"] = "/health";

        var process = Process.Start(start)!;
        var replica = new GatewayReplica(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => replica.Append(e.Data);
        process.ErrorDataReceived += (_, e) => replica.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await replica.WaitUntilServingAsync(timeout);
        return replica;
    }

    private static bool IsEndpointSetting(string name) =>
        name is "ASPNETCORE_URLS" or "HTTP_PORTS" or "HTTPS_PORTS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS"
        || name.StartsWith("Kestrel__Endpoints__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_Kestrel__Endpoints__", StringComparison.OrdinalIgnoreCase);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

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

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway replica exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/.well-known/oauth-protected-resource/mcp"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The gateway replica did not serve within {timeout}:\n{Output}");
    }

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
