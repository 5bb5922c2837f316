namespace McpSecure.PrometheusMcp.Results;

/// <summary>One alerting (<c>alert</c>) or recording (<c>record</c>) rule of <c>get_rules</c>.</summary>
internal sealed record Rule(
    string Type,
    string Name,
    string Query,
    string Health,
    string? State,
    double? ForSeconds,
    IReadOnlyDictionary<string, string> Labels,
    int? ActiveAlerts,
    string? LastError);
