namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>find_series</c>: the label sets of the series that match selectors, without their values.</summary>
[McpServerToolType]
internal sealed class FindSeriesTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "find_series", Title = "Find series by selector", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SeriesResult))]
    [Description("Lists the series (full label sets) that match one or more selectors, without their values, " +
                 "e.g. match=[\"up{job=\\\"api\\\"}\"]. Use it to see which label combinations exist before querying.")]
    public async Task<CallToolResult> FindSeries(
        [Description("One or more series selectors, e.g. [\"up\"] or [\"{__name__=~\\\"http_.*\\\", job=\\\"api\\\"}\"]. Required.")] string[] match,
        [Description(ArgumentDescriptions.Start)] string? start = null,
        [Description(ArgumentDescriptions.End)] string? end = null,
        [Description("Most series to return (default 100, at most 10000).")] int limit = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        if (match is null || match.Length == 0 || match.Any(string.IsNullOrWhiteSpace))
        {
            throw new McpException("`match` needs at least one series selector, e.g. [\"up\"] or [\"{job=\\\"api\\\"}\"].");
        }
        Paging.CheckArguments(limit, 0, Paging.MaxPageSize);
        var (from, to) = TimeParser.ParseOptionalRange(start, end, clock.GetUtcNow());
        var selectors = ToolArguments.JoinSelectors(match);
        var response = await PrometheusCall.RunAsync(() => Client.SeriesAsync(match, from, to, cancellationToken), selectors);
        var all = response.Data.EnumerateArray().Select(PromText.Labels).ToList();
        var page = all.Take(limit).ToList();
        var truncated = page.Count < all.Count
            ? $"[truncated: showing the first {page.Count} of {all.Count} series; narrow the selector or raise `limit`]"
            : null;
        var text = new StringBuilder($"{all.Count} series match {selectors}:\n");
        foreach (var series in page)
        {
            text.AppendLine(PromText.Series(series));
        }
        text.AppendNote(truncated);
        return Result(new ToolOutput<SeriesResult>(text.ToString(), new(all.Count, page, truncated)));
    }
}
