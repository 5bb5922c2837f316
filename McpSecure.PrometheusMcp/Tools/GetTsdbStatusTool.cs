namespace McpSecure.PrometheusMcp.Tools;

/// <summary>
/// <c>get_tsdb_status</c>: cardinality statistics of the head block. An admin tool: read-only, but it shows internals
/// that an operator may reserve for administrators.
/// </summary>
[McpServerToolType]
internal sealed class GetTsdbStatusTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_tsdb_status", Title = "TSDB cardinality statistics (admin)", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TsdbStatusResult))]
    [Description("Returns head-block statistics of the time-series database: number of series and chunks, and the top metrics and " +
                 "labels by series count and memory. Use it to find what drives cardinality or memory use. Admin tool.")]
    public async Task<CallToolResult> GetTsdbStatus(CancellationToken cancellationToken = default)
    {
        var response = await PrometheusCall.RunAsync(() => Client.StatusAsync("tsdb", cancellationToken));
        var data = response.Data;
        var head = PromText.Flatten(data.GetProperty("headStats"));
        var result = new TsdbStatusResult(head, Top(data, "seriesCountByMetricName"), Top(data, "labelValueCountByLabelName"),
            Top(data, "memoryInBytesByLabelName"), Top(data, "seriesCountByLabelValuePair"));

        var text = new StringBuilder("head:");
        foreach (var (key, value) in head)
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }
        text.AppendLine();
        foreach (var (title, entries) in new[]
                 {
                     ("series by metric", result.SeriesCountByMetricName), ("values by label", result.LabelValueCountByLabelName),
                     ("bytes by label", result.MemoryInBytesByLabelName), ("series by label pair", result.SeriesCountByLabelValuePair),
                 })
        {
            text.Append(title).AppendLine(":");
            text.AppendPairs(entries.Select(e => KeyValuePair.Create(e.Name, e.Value.ToString(CultureInfo.InvariantCulture))));
        }
        return Result(new ToolOutput<TsdbStatusResult>(text.ToString(), result));
    }

    private static List<TsdbTopEntry> Top(JsonElement data, string property) =>
        data.TryGetProperty(property, out var entries) && entries.ValueKind == JsonValueKind.Array
            ? entries.EnumerateArray().Select(e => new TsdbTopEntry(e.GetProperty("name").GetString() ?? "", e.GetProperty("value").GetInt64())).ToList()
            : [];
}
