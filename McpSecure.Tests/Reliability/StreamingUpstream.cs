using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// An MCP endpoint on a loopback socket that answers every <c>tools/call</c> with an SSE stream: <c>events</c> numbered
/// progress notifications, one every <c>intervalMs</c>, then the result for the request's id, as a long-running tool
/// reports progress. <c>/health</c> answers 200 (the gateway probes it). HTTP/1.1, one request per connection.
/// </summary>
public sealed class StreamingUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _openStreams;
    private int _mostOpenStreams;

    public StreamingUpstream()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri McpUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/mcp");

    /// <summary>The most streams this server had open at one moment.</summary>
    public int MostOpenStreams => Volatile.Read(ref _mostOpenStreams);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                _ = ServeAsync(await _listener.AcceptTcpClientAsync(_stopping.Token));
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (path, body) = await ReadRequestAsync(stream);
            if (!path.StartsWith("/mcp", StringComparison.Ordinal))
            {
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\nConnection: close\r\n\r\nHealthy");
                return;
            }
            using var request = JsonDocument.Parse(body);
            var id = request.RootElement.GetProperty("id").GetInt64();
            var arguments = request.RootElement.GetProperty("params").GetProperty("arguments");
            var events = arguments.GetProperty("events").GetInt32();
            var interval = TimeSpan.FromMilliseconds(arguments.GetProperty("intervalMs").GetInt32());

            var open = Interlocked.Increment(ref _openStreams);
            InterlockedMax(ref _mostOpenStreams, open);
            try
            {
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n");
                for (var i = 1; i <= events; i++)
                {
                    await Task.Delay(interval, _stopping.Token);
                    await WriteAsync(stream, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":" + id + ",\"progress\":" + i + ",\"total\":" + events + "}}\n\n");
                }
                await WriteAsync(stream, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + events + " events\"}]}}\n\n");
            }
            finally
            {
                Interlocked.Decrement(ref _openStreams);
            }
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The gateway or the client went away: the test sees it as a short stream.
        }
    }

    private async Task WriteAsync(NetworkStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), _stopping.Token);
        await stream.FlushAsync(_stopping.Token);
    }

    private async Task<(string Path, string Body)> ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, _stopping.Token);
            if (read == 0)
            {
                throw new IOException("closed before the headers ended");
            }
            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }
        var lines = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var length = lines.Skip(1).Select(l => l.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var chunked = lines.Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && l.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        var rest = received.Skip(headerEnd + 4).ToList();
        while (chunked ? !EndsChunked(rest) : rest.Count < length)
        {
            var read = await stream.ReadAsync(buffer, _stopping.Token);
            if (read == 0)
            {
                break;
            }
            rest.AddRange(buffer.AsSpan(0, read).ToArray());
        }
        var body = chunked ? Dechunk(rest.ToArray()) : Encoding.UTF8.GetString(rest.ToArray());
        return (lines[0].Split(' ')[1], body);
    }

    private static bool EndsChunked(List<byte> bytes) =>
        bytes.Count >= 5 && Encoding.ASCII.GetString(bytes.GetRange(bytes.Count - 5, 5).ToArray()) == "0\r\n\r\n";

    private static string Dechunk(byte[] bytes)
    {
        var body = new List<byte>();
        var position = 0;
        while (true)
        {
            var lineEnd = Array.IndexOf(bytes, (byte)'\r', position);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes, position, lineEnd - position).Split(';')[0], 16);
            if (size == 0)
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }
            body.AddRange(bytes.AsSpan(lineEnd + 2, size).ToArray());
            position = lineEnd + 2 + size + 2;
        }
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

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
