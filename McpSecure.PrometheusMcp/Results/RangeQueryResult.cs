namespace McpSecure.PrometheusMcp.Results;

/// <summary>
/// Result of a range query on a regular grid: <c>Values[i]</c> is the value at <c>StartUnix + i * StepSeconds</c>,
/// null where the series has no sample.
/// </summary>
internal sealed record RangeQueryResult(
    string Query,
    string Start,
    string End,
    string Step,
    double StartUnix,
    double StepSeconds,
    int PointsPerSeries,
    int TotalSeries,
    IReadOnlyList<RangeSeries> Series,
    string? Truncated = null,
    IReadOnlyList<string>? Warnings = null);
