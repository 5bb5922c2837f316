namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>execute_query</c>: an instant PromQL query.</summary>
[McpServerToolType]
internal sealed class ExecuteQueryTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "execute_query", Title = "Run an instant PromQL query", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(InstantQueryResult))]
    [Description("Evaluates a PromQL expression at one instant (now by default) and returns one line per series: " +
                 "metric{labels} value. Use it for current values and for aggregations, e.g. `up`, " +
                 "`sum by (job) (rate(http_server_request_duration_seconds_count[5m]))`. For values over time use execute_range_query.")]
    public async Task<CallToolResult> ExecuteQuery(
        [Description("The PromQL expression, e.g. `up` or `sum by (job) (up)`.")] string query,
        [Description(ArgumentDescriptions.EvaluationTime)] string? time = null,
        [Description(ArgumentDescriptions.SeriesLimit)] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var expression = ToolArguments.RequireQuery(query);
        var now = clock.GetUtcNow();
        var at = TimeParser.ParseOptional(time, nameof(time), now) ?? now;
        var max = ToolArguments.SeriesLimit(limit, Options);
        var response = await PrometheusCall.RunAsync(() => Client.QueryAsync(expression, at, cancellationToken), expression);
        return Result(QueryResultFormatter.FormatInstant(expression, response, at, max));
    }
}
