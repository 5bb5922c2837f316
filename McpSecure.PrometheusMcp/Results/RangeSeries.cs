namespace McpSecure.PrometheusMcp.Results;

/// <summary>One series of a range query: its values on the grid of <see cref="RangeQueryResult"/>, null where there is no sample.</summary>
internal sealed record RangeSeries(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<string?> Values);
