using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp;

/// <summary>The MCP tools over the Prometheus HTTP API. All are read-only.</summary>
[McpServerToolType]
public sealed class PrometheusTools(PrometheusClient prometheus)
{
    [McpServerTool(Name = "execute_query", Title = "Run an instant PromQL query", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Evaluates a PromQL expression at one instant and returns one line per series: metric{labels} value. " +
                 "Use it for current values (e.g. `up`, `rate(http_server_request_duration_seconds_count[5m])`).")]
    public async Task<string> ExecuteQuery(
        [Description("The PromQL expression, e.g. `up` or `sum by (job) (up)`.")] string query,
        [Description("Evaluation time as RFC 3339 (2026-01-01T12:00:00Z) or Unix seconds; omit for now.")] string? time = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new McpException("`query` is empty: pass a PromQL expression such as `up`.");
        }

        var at = time is null ? (DateTimeOffset?)null : TimeParser.Parse(time, nameof(time));
        var response = await CallPrometheusAsync(() => prometheus.QueryAsync(query, at, cancellationToken), query);
        return QueryResultFormatter.FormatInstant(query, response);
    }

    [McpServerTool(Name = "health_check", Title = "Check that Prometheus is reachable and ready", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Reports whether the Prometheus server behind this MCP server is reachable and ready to serve queries.")]
    public async Task<string> HealthCheck(CancellationToken cancellationToken = default)
    {
        try
        {
            var (ready, detail) = await prometheus.CheckReadyAsync(cancellationToken);
            return ready ? $"Prometheus is ready: {detail}" : throw new McpException($"Prometheus is not ready: {detail}");
        }
        catch (HttpRequestException ex)
        {
            throw new McpException($"Prometheus is unreachable: {ex.Message}");
        }
    }

    private static async Task<PrometheusApiResponse> CallPrometheusAsync(Func<Task<PrometheusApiResponse>> call, string query)
    {
        try
        {
            return await call();
        }
        catch (PrometheusApiException ex)
        {
            throw new McpException($"{ex.Message} (query: `{query}`)");
        }
        catch (HttpRequestException ex)
        {
            throw new McpException($"Prometheus is unreachable: {ex.Message} (query: `{query}`)");
        }
    }
}
