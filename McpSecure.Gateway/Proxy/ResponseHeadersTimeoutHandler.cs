namespace McpSecure.Gateway.Proxy;

/// <summary>
/// A time limit for the upstream's response headers only. YARP's activity timeout is reset by every byte and stays
/// long for SSE streams; this one covers connecting, sending the request and waiting for the status line, and ends
/// as soon as the headers are in: the body then streams under the activity timeout alone.
/// </summary>
internal sealed class ResponseHeadersTimeoutHandler(TimeSpan timeout, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Not an OperationCanceledException: YARP would take it for its own activity timeout. This one is
            // reported as a failed request to the destination (502), which the passive health check counts.
            throw new UpstreamTimeoutException(timeout, ex);
        }
    }
}
