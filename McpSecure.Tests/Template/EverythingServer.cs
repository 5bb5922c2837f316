using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Template;

/// <summary>
/// <c>@modelcontextprotocol/server-everything</c> (tools/clients), an MCP server nobody here wrote, over Streamable
/// HTTP on a given port (<c>PORT</c>): sessions, <c>echo</c>, and <c>trigger-long-running-operation</c> with progress.
/// </summary>
public sealed class EverythingServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private EverythingServer(Process process) => this.process = process;

    public int ProcessId => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<EverythingServer> StartAsync(int port, TimeSpan timeout)
    {
        var script = RepositoryTools.Require(
            Path.Combine(RepositoryTools.Root, "tools", "clients", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"),
            "tools/clients");
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add("streamableHttp");
        startInfo.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var server = new EverythingServer(Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start."));
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !server.process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"server-everything did not listen on port {port} within {timeout}:\n{server.Output}");
    }

    /// <summary>Stops the server; true when its process (and any child) has ended.</summary>
    public async Task<bool> StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
        }
        return process.HasExited;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
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
}
