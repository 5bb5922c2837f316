namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_rules</c>.</summary>
internal sealed record RulesResult(int TotalRules, IReadOnlyList<RuleGroup> Groups, string? Truncated = null);
