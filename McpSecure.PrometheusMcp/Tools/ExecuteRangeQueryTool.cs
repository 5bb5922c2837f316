namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>execute_range_query</c>: a PromQL query over a time range, on a regular grid.</summary>
[McpServerToolType]
internal sealed class ExecuteRangeQueryTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "execute_range_query", Title = "Run a PromQL query over a time range", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RangeQueryResult))]
    [Description("Evaluates a PromQL expression at regular steps between start and end (the last hour by default) and returns, " +
                 "per series, the values on that time grid. Use it for trends, spikes and comparisons over time. " +
                 "The step is chosen automatically (about 120 points) when omitted; at most 11,000 points per series.")]
    public async Task<CallToolResult> ExecuteRangeQuery(
        [Description("The PromQL expression, e.g. `rate(prometheus_http_requests_total[5m])`.")] string query,
        [Description("Start: " + TimeParser.TimeFormats + ". Default now-1h.")] string? start = null,
        [Description("End: same formats as start. Default now.")] string? end = null,
        [Description("Resolution as a duration (15s, 1m, 1h) or seconds. Omit to let the server choose about 120 points.")] string? step = null,
        [Description(ArgumentDescriptions.SeriesLimit)] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var expression = ToolArguments.RequireQuery(query);
        var window = RangeQueryWindow.Resolve(start, end, step, clock.GetUtcNow(), Options.MaxPointsPerSeries);
        var max = ToolArguments.SeriesLimit(limit, Options);
        var response = await PrometheusCall.RunAsync(
            () => Client.QueryRangeAsync(expression, window.From, window.To, window.Step, cancellationToken), expression);
        return Result(QueryResultFormatter.FormatRange(expression, response, window, max));
    }
}
