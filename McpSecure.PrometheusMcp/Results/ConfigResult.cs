namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_config</c>: the YAML shown (shortened when <c>Truncated</c> says so) and the full length.</summary>
internal sealed record ConfigResult(int TotalCharacters, string Yaml, string? Truncated = null);
