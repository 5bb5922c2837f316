using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// An MCP server on a real loopback socket whose behaviour a test switches at run time: it answers, or it accepts the
/// connection and never answers, as Aspire's development proxy does for a stopped resource (and a hung process does).
/// HTTP/1.1, one request per connection.
/// </summary>
internal sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public ScriptedUpstream()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How the server answers a request (method, path); by default a small JSON-RPC result.</summary>
    public Func<string, string, UpstreamReply> Reply { get; set; } = (_, _) => UpstreamReply.JsonRpcResult;

    /// <summary>Every request line received ("POST /mcp").</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public int Count(string path) => Requests.Count(r => r.EndsWith(" " + path, StringComparison.Ordinal));

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (method, path) = await ReadRequestAsync(stream, _stopping.Token);
            Requests.Enqueue($"{method} {path}");
            var reply = Reply(method, path);
            if (reply.Hang)
            {
                await Task.Delay(Timeout.Infinite, _stopping.Token);
            }
            var body = Encoding.UTF8.GetBytes(reply.Body);
            var head = $"HTTP/1.1 {reply.Status} Scripted\r\nContent-Type: {reply.ContentType}\r\nConnection: close\r\n" +
                       (reply.BodyDelay > TimeSpan.Zero ? "" : $"Content-Length: {body.Length}\r\n") + "\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stopping.Token);
            await stream.FlushAsync(_stopping.Token);
            await Task.Delay(reply.BodyDelay, _stopping.Token);
            await stream.WriteAsync(body, _stopping.Token);
            await stream.FlushAsync(_stopping.Token);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The gateway gave up on us (its time limit), which is what the hanging replies are for.
        }
    }

    private static async Task<(string Method, string Path)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("connection closed before the request headers ended");
            }
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
        var headers = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var contentLength = headers.Skip(1).Select(h => h.Split(':', 2))
            .Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var remaining = contentLength - (received.Count - headerEnd - 4);
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                break;
            }
            remaining -= read;
        }
        var requestLine = headers[0].Split(' ');
        return (requestLine[0], requestLine[1]);
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i - 3;
            }
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
