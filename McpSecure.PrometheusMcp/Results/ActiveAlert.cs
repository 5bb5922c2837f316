namespace McpSecure.PrometheusMcp.Results;

internal sealed record ActiveAlert(
    string Name,
    string State,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string? ActiveAt,
    string? Value);
