namespace McpSecure.PrometheusMcp.Results;

internal sealed record TsdbStatusResult(
    IReadOnlyDictionary<string, string> HeadStats,
    IReadOnlyList<TsdbTopEntry> SeriesCountByMetricName,
    IReadOnlyList<TsdbTopEntry> LabelValueCountByLabelName,
    IReadOnlyList<TsdbTopEntry> MemoryInBytesByLabelName,
    IReadOnlyList<TsdbTopEntry> SeriesCountByLabelValuePair);
