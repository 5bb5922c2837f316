namespace McpSecure.PrometheusMcp.Results;

internal sealed record RulesResult(int TotalRules, IReadOnlyList<RuleGroup> Groups, string? Truncated = null);
