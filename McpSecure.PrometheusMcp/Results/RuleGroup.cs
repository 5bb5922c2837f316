namespace McpSecure.PrometheusMcp.Results;

internal sealed record RuleGroup(string Name, string File, double IntervalSeconds, IReadOnlyList<Rule> Rules);
