namespace McpSecure.PrometheusMcp;

// The structuredContent of the tools that explore what is stored: metric names, metadata, labels, series.

/// <summary>A page of a list: <c>Items</c> are entries <c>Offset</c>…<c>Offset + Items.Count - 1</c> of <c>Total</c>.</summary>
public sealed record NamesPage(string What, int Total, int Offset, IReadOnlyList<string> Items, string? Truncated = null);

public sealed record MetricMetadataResult(int Total, int Offset, IReadOnlyList<MetricMetadata> Metadata, string? Truncated = null);

public sealed record MetricMetadata(string Metric, string Type, string Unit, string Help);

public sealed record SeriesResult(int Total, IReadOnlyList<IReadOnlyDictionary<string, string>> Series, string? Truncated = null);
