namespace McpSecure.PrometheusMcp.Results;

/// <summary>A rule group of <c>get_rules</c>: its file, evaluation interval and the rules that passed the filters.</summary>
internal sealed record RuleGroup(string Name, string File, double IntervalSeconds, IReadOnlyList<Rule> Rules);
