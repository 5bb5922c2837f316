namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>Parentheses the source wrote, kept so the printed query reads as written.</summary>
internal sealed record ParenExpression(PromQlExpression Expression) : PromQlExpression;
