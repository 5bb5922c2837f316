namespace McpSecure.PrometheusMcp.Results;

/// <summary>One pending or firing alert of <c>get_alerts</c>.</summary>
internal sealed record ActiveAlert(
    string Name,
    string State,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string? ActiveAt,
    string? Value);
