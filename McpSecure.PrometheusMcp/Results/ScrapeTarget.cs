namespace McpSecure.PrometheusMcp.Results;

/// <summary>One scrape target of <c>get_targets</c>, active or dropped by relabelling.</summary>
internal sealed record ScrapeTarget(
    string ScrapePool,
    string Health,
    string ScrapeUrl,
    IReadOnlyDictionary<string, string> Labels,
    string? LastScrape,
    double? LastScrapeDurationSeconds,
    string? LastError);
