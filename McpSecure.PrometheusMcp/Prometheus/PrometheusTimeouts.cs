using Microsoft.Extensions.Http.Resilience;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// The HTTP timeouts of <see cref="PrometheusClient"/>, derived from <see cref="PrometheusOptions.QueryTimeout"/>: each
/// a little longer than the time Prometheus may spend, so that Prometheus's own "query timed out" reaches the caller.
/// </summary>
internal static class PrometheusTimeouts
{
    /// <summary>Margin over the query timeout for Prometheus to answer "query timed out" before the client gives up.</summary>
    public static readonly TimeSpan ResponseMargin = TimeSpan.FromSeconds(5);

    public static TimeSpan Attempt(PrometheusOptions options) => options.QueryTimeout + ResponseMargin;

    public static TimeSpan Total(PrometheusOptions options) => Attempt(options) * 2 + ResponseMargin;

    public static void Configure(HttpStandardResilienceOptions resilience, PrometheusOptions options)
    {
        resilience.AttemptTimeout.Timeout = Attempt(options);
        // One retry at most: a query that timed out once will time out again, and the caller is a model waiting.
        resilience.Retry.MaxRetryAttempts = 1;
        resilience.TotalRequestTimeout.Timeout = Total(options);
        // The circuit breaker requires a sampling window of at least twice the attempt timeout.
        resilience.CircuitBreaker.SamplingDuration = Attempt(options) * 2;
    }
}
