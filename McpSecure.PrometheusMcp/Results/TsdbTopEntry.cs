namespace McpSecure.PrometheusMcp.Results;

/// <summary>One entry of a top list of <c>get_tsdb_status</c> (a metric, label or label pair, and its count or bytes).</summary>
internal sealed record TsdbTopEntry(string Name, long Value);
