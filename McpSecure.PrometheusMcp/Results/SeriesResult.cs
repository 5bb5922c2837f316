namespace McpSecure.PrometheusMcp.Results;

internal sealed record SeriesResult(int Total, IReadOnlyList<IReadOnlyDictionary<string, string>> Series, string? Truncated = null);
