namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>How a label matcher compares: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
internal enum MatchOperator
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}
