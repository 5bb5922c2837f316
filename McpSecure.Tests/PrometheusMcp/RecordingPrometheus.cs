using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// An HTTP listener in place of Prometheus that records the headers of every request it receives and answers with a
/// fixed body: it shows exactly what the MCP server sends to its backend (credentials, tenant, forwarded headers).
/// </summary>
public sealed class RecordingPrometheus : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _body;
    private readonly string _contentType;

    public RecordingPrometheus(string body = """{"status":"success","data":{"resultType":"vector","result":[]}}""", string contentType = "application/json")
    {
        _body = body;
        _contentType = contentType;
        Url = new Uri($"http://127.0.0.1:{Loopback.FreeTcpPort()}/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string Path, NameValueCollection Headers)> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Requests.Enqueue((context.Request.Url!.AbsolutePath, new NameValueCollection(context.Request.Headers)));
            var bytes = Encoding.UTF8.GetBytes(_body);
            context.Response.ContentType = _contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
