using System.Net;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP proxy that adds <c>Authorization: Bearer &lt;token&gt;</c> to every request and forwards it, Host and
/// all other headers unchanged, to one upstream origin; responses (JSON or SSE) stream back as they come. For clients
/// that send no token, such as the MCP conformance suite, run through the gateway.
/// </summary>
public sealed class TokenInjectingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly Uri _target;
    private readonly string _token;
    private readonly Task _loop;

    /// <param name="origin">Where it listens (http://localhost:port/): an origin the gateway allows.</param>
    public TokenInjectingProxy(Uri origin, Uri target, string token)
    {
        _target = target;
        _token = token;
        Origin = origin;
        _listener.Prefixes.Add(Origin.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Where clients connect (http://localhost:port/).</summary>
    public Uri Origin { get; }

    private async Task AcceptAsync()
    {
        var inFlight = new List<Task>();
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                inFlight.Add(Task.Run(() => ForwardAsync(context)));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
            catch (Exception) when (!_listener.IsListening)
            {
                break;
            }
            catch (HttpListenerException)
            {
                break;
            }
        }
        await Task.WhenAll(inFlight).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            var incoming = context.Request;
            using var request = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(_target, incoming.RawUrl));
            if (incoming.HasEntityBody)
            {
                var body = new MemoryStream();
                await incoming.InputStream.CopyToAsync(body);
                request.Content = new ByteArrayContent(body.ToArray());
            }
            foreach (var name in incoming.Headers.AllKeys.OfType<string>())
            {
                if (HopByHop.Contains(name) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var values = incoming.Headers.GetValues(name) ?? [];
                if (!request.Headers.TryAddWithoutValidation(name, values))
                {
                    request.Content ??= new ByteArrayContent([]);
                    request.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }
            // Host as the client sent it, so that the gateway's own host checks see what the client sent.
            request.Headers.Host = incoming.Headers["Host"];
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {_token}");

            using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var outgoing = context.Response;
            outgoing.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(header.Key))
                {
                    foreach (var value in header.Value)
                    {
                        outgoing.AppendHeader(header.Key, value);
                    }
                }
            }
            if (response.Content.Headers.ContentLength is { } length)
            {
                outgoing.ContentLength64 = length;
            }
            else
            {
                outgoing.SendChunked = true;
            }
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                await outgoing.OutputStream.WriteAsync(buffer.AsMemory(0, read));
                await outgoing.OutputStream.FlushAsync();
            }
            outgoing.Close();
        }
        catch (Exception)
        {
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
                // The client went away.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        _upstream.Dispose();
    }
}
