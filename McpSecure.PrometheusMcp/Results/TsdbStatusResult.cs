namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_tsdb_status</c>: head-block statistics and the top cardinality drivers.</summary>
internal sealed record TsdbStatusResult(
    IReadOnlyDictionary<string, string> HeadStats,
    IReadOnlyList<TsdbTopEntry> SeriesCountByMetricName,
    IReadOnlyList<TsdbTopEntry> LabelValueCountByLabelName,
    IReadOnlyList<TsdbTopEntry> MemoryInBytesByLabelName,
    IReadOnlyList<TsdbTopEntry> SeriesCountByLabelValuePair);
