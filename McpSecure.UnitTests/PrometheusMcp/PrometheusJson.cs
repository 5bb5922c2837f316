using System.Text.Json;
using McpSecure.PrometheusMcp.Prometheus;

namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>Prometheus API answers written as JSON literals, parsed the way the client parses them.</summary>
internal static class PrometheusJson
{
    public static PrometheusApiResponse Response(string json) =>
        JsonSerializer.Deserialize<PrometheusApiResponse>(json) ?? throw new InvalidOperationException("null response");

    public static PrometheusApiResponse Success(string data, string? warnings = null) =>
        Response($$"""{"status":"success","data":{{data}}{{(warnings is null ? "" : $",\"warnings\":{warnings}")}}}""");
}
