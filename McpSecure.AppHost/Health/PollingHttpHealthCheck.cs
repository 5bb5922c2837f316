using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSecure.AppHost.Health;

/// <summary>
/// A resource's HTTP readiness check that waits for it: while the endpoint is not (yet) answering 2xx it asks again
/// every <see cref="ReadinessProbeSettings.PollInterval"/>, for at most <see cref="ReadinessProbeSettings.MaxWait"/>
/// per check, and reports healthy as soon as it answers. Aspire re-runs a failed check only after a growing pause
/// (1 s, 2 s, … 5 s), so a service that became ready just after a failed check was noticed seconds late, and every
/// <c>WaitFor</c> on it started that much later.
/// </summary>
internal sealed class PollingHttpHealthCheck(Func<Uri> url, HttpClient http, ReadinessProbeSettings settings, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        string problem;
        while (true)
        {
            problem = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (problem.Length == 0)
            {
                return HealthCheckResult.Healthy();
            }
            if (time.GetElapsedTime(started) + settings.PollInterval > settings.MaxWait)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"Not ready after {settings.MaxWait.TotalSeconds:0.#} s: {problem}");
            }
            await Task.Delay(settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An empty string when the endpoint answered 2xx, otherwise what went wrong.</summary>
    private async Task<string> ProbeAsync(CancellationToken cancellationToken)
    {
        Uri target;
        try
        {
            target = url();
        }
        catch (InvalidOperationException ex)
        {
            // The endpoint has no address allocated yet.
            return ex.Message;
        }
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? "" : $"{target} answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return $"{target}: {ex.Message}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{target} did not answer within {settings.RequestTimeout.TotalSeconds:0.#} s";
        }
    }
}
