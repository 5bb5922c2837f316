using System.Text;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// A native client's loopback redirect listener (RFC 8252 §7.3): listens on the redirect URI's port, answers the
/// browser's arrival with a short page, and hands the arrival URL (with code and state) to the client.
/// </summary>
public sealed class LoopbackCallbackListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource<Uri> _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoopbackCallbackListener(Uri redirectUri)
    {
        _listener.Prefixes.Add(redirectUri.GetLeftPart(UriPartial.Authority) + "/");
        _listener.Start();
        _ = AcceptOneAsync(redirectUri.AbsolutePath);
    }

    public Task<Uri> Arrival => _arrival.Task;

    private async Task AcceptOneAsync(string path)
    {
        try
        {
            while (!_arrival.Task.IsCompleted)
            {
                var context = await _listener.GetContextAsync();
                var isCallback = context.Request.Url!.AbsolutePath == path;
                var body = Encoding.UTF8.GetBytes(isCallback ? "Signed in. You can close this window." : "Not found.");
                context.Response.StatusCode = isCallback ? 200 : 404;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
                if (isCallback)
                {
                    _arrival.TrySetResult(context.Request.Url);
                }
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            _arrival.TrySetException(new InvalidOperationException("The loopback listener stopped before the browser arrived.", e));
        }
    }

    public void Dispose() => _listener.Close();
}
