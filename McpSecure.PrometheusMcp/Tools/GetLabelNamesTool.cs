namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_label_names</c>: the label names, optionally of the series that match selectors in a time range.</summary>
[McpServerToolType]
internal sealed class GetLabelNamesTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_label_names", Title = "List label names", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NamesPage))]
    [Description("Lists label names (job, instance, code…), optionally only those of the series matching selectors and a time range. " +
                 "Use it to learn how series can be filtered or grouped.")]
    public async Task<CallToolResult> GetLabelNames(
        [Description(ArgumentDescriptions.Match)] string[]? match = null,
        [Description(ArgumentDescriptions.Start)] string? start = null,
        [Description(ArgumentDescriptions.End)] string? end = null,
        [Description(ArgumentDescriptions.PageSize)] int limit = Paging.DefaultPageSize,
        [Description("Names to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        Paging.CheckArguments(limit, offset, Paging.MaxPageSize);
        var (from, to) = TimeParser.ParseOptionalRange(start, end, clock.GetUtcNow());
        var response = await PrometheusCall.RunAsync(() => Client.LabelNamesAsync(match ?? [], from, to, cancellationToken), ToolArguments.JoinSelectors(match));
        return Result(NamesPageFormatter.Format("label names", PromText.Strings(response.Data).ToList(), limit, offset));
    }
}
