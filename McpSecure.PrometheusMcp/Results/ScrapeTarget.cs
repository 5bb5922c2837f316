namespace McpSecure.PrometheusMcp.Results;

internal sealed record ScrapeTarget(
    string ScrapePool,
    string Health,
    string ScrapeUrl,
    IReadOnlyDictionary<string, string> Labels,
    string? LastScrape,
    double? LastScrapeDurationSeconds,
    string? LastError);
