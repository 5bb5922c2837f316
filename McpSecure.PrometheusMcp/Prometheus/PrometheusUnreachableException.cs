namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>Prometheus could not be reached at <paramref name="url"/> (its configured URL without credentials or query).</summary>
internal sealed class PrometheusUnreachableException(string url, string reason, Exception inner)
    : Exception($"Prometheus at {url} is unreachable: {reason}", inner)
{
    /// <summary><paramref name="baseUrl"/> without user info, query or fragment: safe to show to a caller.</summary>
    public static string Describe(Uri baseUrl) =>
        new UriBuilder(baseUrl) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.AbsoluteUri;
}
