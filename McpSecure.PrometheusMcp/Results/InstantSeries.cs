namespace McpSecure.PrometheusMcp.Results;

/// <summary>One series of an instant vector (<c>Value</c>), or of a range vector (<c>Samples</c>, each <c>value@unixSeconds</c>).</summary>
internal sealed record InstantSeries(IReadOnlyDictionary<string, string> Metric, string? Value = null, IReadOnlyList<string>? Samples = null);
