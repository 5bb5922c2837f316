using System.Globalization;
using System.Text.RegularExpressions;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Counts the requests the MCP server itself has handled on <c>/mcp</c>, from its own Prometheus metrics
/// (ASP.NET Core's <c>http.server.request.duration</c> histogram), to prove what the gateway let through.
/// </summary>
public static partial class McpServerTraffic
{
    public static async Task<long> CountAsync(DistributedApplication app)
    {
        using var http = app.CreateHttpClient("prometheus-mcp", "http");
        var metrics = await http.GetStringAsync("/metrics");
        return McpRequestCount().Matches(metrics)
            .Sum(m => (long)double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Polls until the count moves past <paramref name="before"/> (metrics are cached for a moment) or time runs out.</summary>
    public static async Task<long> WaitForCountAboveAsync(DistributedApplication app, long before, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long count;
        while ((count = await CountAsync(app)) <= before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        return count;
    }

    [GeneratedRegex("""^http_server_request_duration_seconds_count\{[^}]*http_route="/mcp/?"[^}]*\}\s+(?<count>[0-9.eE+]+)""", RegexOptions.Multiline)]
    private static partial Regex McpRequestCount();
}
