namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A string, unquoted: <c>"a"</c>, <c>'a'</c> or <c>`a`</c> in the source.</summary>
internal sealed record StringLiteral(string Value) : PromQlExpression;
