namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_metric_metadata</c>: type, unit and help of metrics, as the scraped targets describe them.</summary>
[McpServerToolType]
internal sealed class GetMetricMetadataTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_metric_metadata", Title = "Get metric type, unit and help", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricMetadataResult))]
    [Description("Returns what scraped targets say about metrics: type (counter, gauge, histogram, summary), unit and help text. " +
                 "Give `metric` for one metric, or `filter_pattern` to search names. Tells you whether to use rate() (counters) or not (gauges).")]
    public async Task<CallToolResult> GetMetricMetadata(
        [Description("Exact metric name, e.g. `prometheus_http_requests_total`. Optional.")] string? metric = null,
        [Description("Case-insensitive substring of metric names. Optional.")] string? filter_pattern = null,
        [Description(ArgumentDescriptions.PageSize)] int limit = Paging.DefaultPageSize,
        [Description("Entries to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        Paging.CheckArguments(limit, offset, Paging.MaxPageSize);
        var response = await PrometheusCall.RunAsync(() => Client.MetadataAsync(string.IsNullOrWhiteSpace(metric) ? null : metric.Trim(), cancellationToken));
        var all = new List<MetricMetadata>();
        foreach (var entry in response.Data.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (!ToolArguments.MatchesFilter(entry.Name, filter_pattern))
            {
                continue;
            }
            // Targets may disagree about a metric; each distinct description is one entry.
            foreach (var description in entry.Value.EnumerateArray())
            {
                all.Add(new MetricMetadata(entry.Name, PromText.Property(description, "type"), PromText.Property(description, "unit"),
                    PromText.Property(description, "help")));
            }
        }
        var page = Paging.Take(all, limit, offset, "entries");
        var text = new StringBuilder($"{all.Count} metadata entries{(metric is null ? "" : $" for {metric}")}:\n");
        var table = TextTable.Create("metric", "type", "unit", "help");
        foreach (var m in page.Items)
        {
            table.Add(m.Metric, m.Type, m.Unit, m.Help);
        }
        text.Append(table);
        if (all.Count == 0)
        {
            text.Append(metric is null ? "" : $"No metadata for {metric}: it may not exist, or come only from recording rules or backfilled data. Try list_metrics.\n");
        }
        text.AppendNote(page.Note);
        return Result(new ToolOutput<MetricMetadataResult>(text.ToString(), new(all.Count, offset, page.Items, page.Note)));
    }
}
