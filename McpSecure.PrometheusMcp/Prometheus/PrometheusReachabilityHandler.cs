namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// Tells a dead Prometheus from a busy one, quickly. Prometheus sends nothing until a query is evaluated, so a short
/// response timeout would cut long queries; but a stopped Prometheus behind a proxy that still accepts connections
/// (Aspire's development proxy, a hung pod) sends nothing either. So: when a call has no answer after
/// <see cref="PrometheusOptions.ReachabilityTimeout"/>, ask <c>/-/ready</c> (answered at once even while queries run);
/// if that has no answer within the same time either, the call is abandoned as unreachable instead of waiting for the
/// query timeouts. Sits outside the resilience handler, so a dead Prometheus is not retried.
/// </summary>
internal sealed class PrometheusReachabilityHandler(IOptions<PrometheusOptions> options, TimeProvider time) : DelegatingHandler
{
    public const string ReadyPath = "-/ready";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/" + ReadyPath, StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var wait = options.Value.ReachabilityTimeout;
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = base.SendAsync(request, call.Token);
        if (await Task.WhenAny(sending, Task.Delay(wait, time, cancellationToken)) == sending || cancellationToken.IsCancellationRequested)
        {
            return await sending;
        }
        if (await IsReadyAsync(request, wait, cancellationToken))
        {
            return await sending;
        }

        await call.CancelAsync();
        try
        {
            (await sending).Dispose();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
        {
            // Expected: we cancelled it.
        }
        throw new HttpRequestException(
            $"no answer within {wait.TotalSeconds:0.#} s, and its readiness endpoint (/{ReadyPath}) did not answer within {wait.TotalSeconds:0.#} s either");
    }

    /// <summary>GET <c>/-/ready</c> under the base path, with the call's own headers (credentials, tenant).</summary>
    private async Task<bool> IsReadyAsync(HttpRequestMessage call, TimeSpan wait, CancellationToken cancellationToken)
    {
        var basePath = options.Value.BaseUrl.AbsolutePath.TrimEnd('/') + "/";
        using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(call.RequestUri!.GetLeftPart(UriPartial.Authority) + basePath), ReadyPath));
        foreach (var header in call.Headers)
        {
            probe.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            using var response = await base.SendAsync(probe, timeout.Token);
            return true; // Any answer, even 503 "not ready yet", means something is there and will answer the call.
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                       or Polly.CircuitBreaker.BrokenCircuitException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
