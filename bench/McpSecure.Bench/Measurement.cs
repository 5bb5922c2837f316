namespace McpSecure.Bench;

/// <summary>The median of several runs of one path, call and concurrency, with the CPU and memory figures around them.</summary>
internal sealed record Measurement(
    string Path,
    string Call,
    int Concurrency,
    int Runs,
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    long Errors,
    long Requests,
    double ProxyCpuMsPerRequest,
    double ProviderCpuMsPerRequest,
    double McpServerCpuMsPerRequest,
    double ProxyPeakRssMb)
{
    /// <summary>What the protection costs per request: the proxy's CPU plus the provider's (nginx design: userinfo).</summary>
    public double ProtectionCpuMsPerRequest => ProxyCpuMsPerRequest + ProviderCpuMsPerRequest;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
