namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A unary <c>-</c> or <c>+</c> on anything but a number literal (those are folded into the literal).</summary>
internal sealed record UnaryExpression(string Operator, PromQlExpression Expression) : PromQlExpression;
