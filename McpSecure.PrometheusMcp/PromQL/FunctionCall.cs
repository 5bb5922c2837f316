namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A function call, <c>rate(x[5m])</c>.</summary>
internal sealed record FunctionCall(PromQlFunction Function, IReadOnlyList<PromQlExpression> Arguments) : PromQlExpression;
