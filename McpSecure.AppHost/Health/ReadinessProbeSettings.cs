namespace McpSecure.AppHost.Health;

/// <summary>How <see cref="PollingHttpHealthCheck"/> waits for a resource.</summary>
/// <param name="PollInterval">The pause between two requests while the resource is not ready.</param>
/// <param name="MaxWait">The longest one check waits before it reports the resource unhealthy (Aspire then checks again).</param>
/// <param name="RequestTimeout">The time limit of one request.</param>
internal sealed record ReadinessProbeSettings(TimeSpan PollInterval, TimeSpan MaxWait, TimeSpan RequestTimeout)
{
    /// <summary>100 ms polls for up to 30 s, 5 s per request.</summary>
    public static ReadinessProbeSettings Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
}
