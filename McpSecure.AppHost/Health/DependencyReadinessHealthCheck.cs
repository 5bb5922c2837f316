using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSecure.AppHost.Health;

/// <summary>
/// A resource's readiness that also needs <paramref name="dependency"/>: healthy once the dependency has been healthy,
/// waiting for it (up to <see cref="ReadinessProbeSettings.MaxWait"/> per check) like <see cref="PollingHttpHealthCheck"/>.
/// As with <c>WaitFor</c>, only the first time counts (a later outage of the dependency is the resource's own business),
/// but the resource starts at once instead of after the dependency, so the two start-ups overlap.
/// </summary>
internal sealed class DependencyReadinessHealthCheck(string dependency, ResourceNotificationService notifications, ReadinessProbeSettings settings) : IHealthCheck
{
    private volatile bool _wasHealthy;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_wasHealthy)
        {
            return HealthCheckResult.Healthy($"{dependency} has been healthy.");
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(settings.MaxWait);
        try
        {
            await notifications.WaitForResourceHealthyAsync(dependency, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"Waiting for {dependency}: not healthy after {settings.MaxWait.TotalSeconds:0.#} s.");
        }
        _wasHealthy = true;
        return HealthCheckResult.Healthy($"{dependency} has been healthy.");
    }
}
