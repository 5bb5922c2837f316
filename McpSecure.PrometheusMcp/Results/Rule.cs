namespace McpSecure.PrometheusMcp.Results;

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
