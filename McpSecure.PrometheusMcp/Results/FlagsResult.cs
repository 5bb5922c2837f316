namespace McpSecure.PrometheusMcp.Results;

internal sealed record FlagsResult(int Total, IReadOnlyDictionary<string, string> Flags);
