namespace McpSecure.PrometheusMcp.Tools;

/// <summary>
/// <c>get_flags</c>: the command-line flags Prometheus runs with. An admin tool: read-only, but it shows internals that
/// an operator may reserve for administrators.
/// </summary>
[McpServerToolType]
internal sealed class GetFlagsTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_flags", Title = "Prometheus command-line flags (admin)", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(FlagsResult))]
    [Description("Returns the command-line flags Prometheus runs with (retention, storage path, lookback delta, query limits…), " +
                 "optionally only those whose name contains a substring, e.g. `retention`. Admin tool.")]
    public async Task<CallToolResult> GetFlags(
        [Description("Case-insensitive substring of the flag name, e.g. `retention` or `query`. Optional.")] string? filter_pattern = null,
        CancellationToken cancellationToken = default)
    {
        var response = await PrometheusCall.RunAsync(() => Client.StatusAsync("flags", cancellationToken));
        var flags = PromText.Flatten(response.Data)
            .Where(f => ToolArguments.MatchesFilter(f.Key, filter_pattern))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(f => f.Key, f => f.Value);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{flags.Count} flags:\n").AppendPairs(flags);
        return Result(new ToolOutput<FlagsResult>(text.ToString(), new(flags.Count, flags)));
    }
}
