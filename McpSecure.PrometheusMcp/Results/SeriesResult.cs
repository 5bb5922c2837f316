namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>find_series</c>: the label sets of the matching series.</summary>
internal sealed record SeriesResult(int Total, IReadOnlyList<IReadOnlyDictionary<string, string>> Series, string? Truncated = null);
