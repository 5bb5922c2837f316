namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A number: <c>1</c>, <c>-2.5e3</c>, <c>0x1f</c>, <c>Inf</c>, <c>NaN</c>.</summary>
internal sealed record NumberLiteral(double Value) : PromQlExpression;
