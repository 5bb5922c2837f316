namespace McpSecure.PrometheusMcp.Results;

/// <summary>Result of an instant query. Values are Prometheus's own strings (so NaN, +Inf and full precision survive).</summary>
internal sealed record InstantQueryResult(
    string Query,
    string ResultType,
    string Time,
    int TotalSeries,
    IReadOnlyList<InstantSeries> Series,
    string? Scalar = null,
    string? Truncated = null,
    IReadOnlyList<string>? Warnings = null);
