namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>list_metrics</c>: the metric names Prometheus has, filtered and paged.</summary>
[McpServerToolType]
internal sealed class ListMetricsTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "list_metrics", Title = "List metric names", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NamesPage))]
    [Description("Lists the metric names Prometheus has, sorted, optionally filtered by a case-insensitive substring, a page at a time. " +
                 "Start here to discover what can be queried.")]
    public async Task<CallToolResult> ListMetrics(
        [Description("Case-insensitive substring the name must contain, e.g. `http` or `_seconds`. Optional.")] string? filter_pattern = null,
        [Description(ArgumentDescriptions.PageSize)] int limit = Paging.DefaultPageSize,
        [Description("Names to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        Paging.CheckArguments(limit, offset, Paging.MaxPageSize);
        var response = await PrometheusCall.RunAsync(() => Client.LabelValuesAsync("__name__", [], null, null, cancellationToken));
        var names = PromText.Strings(response.Data).Where(n => ToolArguments.MatchesFilter(n, filter_pattern)).ToList();
        var what = filter_pattern is null ? "metric names" : $"metric names containing '{filter_pattern}'";
        return Result(NamesPageFormatter.Format(what, names, limit, offset));
    }
}
