namespace McpSecure.PrometheusMcp;

// The structuredContent of the tools that describe the Prometheus server itself.

public sealed record TargetsResult(int Total, int Offset, IReadOnlyList<ScrapeTarget> Targets, string? Truncated = null);

public sealed record ScrapeTarget(
    string ScrapePool,
    string Health,
    string ScrapeUrl,
    IReadOnlyDictionary<string, string> Labels,
    string? LastScrape,
    double? LastScrapeDurationSeconds,
    string? LastError);

public sealed record AlertsResult(int Total, IReadOnlyList<ActiveAlert> Alerts, string? Truncated = null);

public sealed record ActiveAlert(
    string Name,
    string State,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string? ActiveAt,
    string? Value);

public sealed record RulesResult(int TotalRules, IReadOnlyList<RuleGroup> Groups, string? Truncated = null);

public sealed record RuleGroup(string Name, string File, double IntervalSeconds, IReadOnlyList<Rule> Rules);

public sealed record Rule(
    string Type,
    string Name,
    string Query,
    string Health,
    string? State,
    double? ForSeconds,
    IReadOnlyDictionary<string, string> Labels,
    int? ActiveAlerts,
    string? LastError);

public sealed record BuildInfoResult(IReadOnlyDictionary<string, string> Build, IReadOnlyDictionary<string, string> Runtime);

public sealed record TsdbStatusResult(
    IReadOnlyDictionary<string, string> HeadStats,
    IReadOnlyList<TsdbTopEntry> SeriesCountByMetricName,
    IReadOnlyList<TsdbTopEntry> LabelValueCountByLabelName,
    IReadOnlyList<TsdbTopEntry> MemoryInBytesByLabelName,
    IReadOnlyList<TsdbTopEntry> SeriesCountByLabelValuePair);

public sealed record TsdbTopEntry(string Name, long Value);

public sealed record ConfigResult(int TotalCharacters, string Yaml, string? Truncated = null);

public sealed record FlagsResult(int Total, IReadOnlyDictionary<string, string> Flags);

public sealed record HealthResult(bool Ready, string Detail);
