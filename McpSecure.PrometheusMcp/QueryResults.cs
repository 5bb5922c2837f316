namespace McpSecure.PrometheusMcp;

// The structuredContent of the query tools; each tool's outputSchema is generated from these records.

/// <summary>Result of an instant query. Values are Prometheus's own strings (so NaN, +Inf and full precision survive).</summary>
public sealed record InstantQueryResult(
    string Query,
    string ResultType,
    string Time,
    int TotalSeries,
    IReadOnlyList<InstantSeries> Series,
    string? Scalar = null,
    string? Truncated = null,
    IReadOnlyList<string>? Warnings = null);

/// <summary>One series of an instant vector (<c>Value</c>), or of a range vector (<c>Samples</c>, each <c>value@unixSeconds</c>).</summary>
public sealed record InstantSeries(IReadOnlyDictionary<string, string> Metric, string? Value = null, IReadOnlyList<string>? Samples = null);

/// <summary>
/// Result of a range query on a regular grid: <c>Values[i]</c> is the value at <c>StartUnix + i * StepSeconds</c>,
/// null where the series has no sample.
/// </summary>
public sealed record RangeQueryResult(
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

public sealed record RangeSeries(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<string?> Values);
