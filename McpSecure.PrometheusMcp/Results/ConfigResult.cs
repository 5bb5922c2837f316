namespace McpSecure.PrometheusMcp.Results;

internal sealed record ConfigResult(int TotalCharacters, string Yaml, string? Truncated = null);
