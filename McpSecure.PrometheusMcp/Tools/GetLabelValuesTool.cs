namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_label_values</c>: the values one label takes, optionally of matching series, filtered and paged.</summary>
[McpServerToolType]
internal sealed class GetLabelValuesTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_label_values", Title = "List the values of a label", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NamesPage))]
    [Description("Lists the values a label takes (e.g. every `job`, or every `code` of one metric with match=[\"http_requests_total\"]), " +
                 "optionally filtered by a substring. Use `__name__` as the label to list metric names of matching series.")]
    public async Task<CallToolResult> GetLabelValues(
        [Description("The label name, e.g. `job`, `instance`, `code`.")] string label,
        [Description(ArgumentDescriptions.Match)] string[]? match = null,
        [Description("Case-insensitive substring the value must contain. Optional.")] string? filter_pattern = null,
        [Description(ArgumentDescriptions.Start)] string? start = null,
        [Description(ArgumentDescriptions.End)] string? end = null,
        [Description(ArgumentDescriptions.PageSize)] int limit = Paging.DefaultPageSize,
        [Description("Values to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(label) || !PromText.IsLabelName(label.Trim()))
        {
            throw new McpException($"`label` = '{label}' is not a label name: use e.g. `job` or `instance` (get_label_names lists them).");
        }
        Paging.CheckArguments(limit, offset, Paging.MaxPageSize);
        var (from, to) = TimeParser.ParseOptionalRange(start, end, clock.GetUtcNow());
        var response = await PrometheusCall.RunAsync(
            () => Client.LabelValuesAsync(label.Trim(), match ?? [], from, to, cancellationToken), ToolArguments.JoinSelectors(match));
        var values = PromText.Strings(response.Data).Where(v => ToolArguments.MatchesFilter(v, filter_pattern)).ToList();
        return Result(NamesPageFormatter.Format($"values of {label.Trim()}", values, limit, offset));
    }
}
