namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A binary operation, <c>a + on (x) group_left b</c>; <see cref="Matching"/> is null when both sides are not vectors.</summary>
internal sealed record BinaryExpression(
    string Operator, PromQlExpression Left, PromQlExpression Right, bool ReturnBool, VectorMatching? Matching)
    : PromQlExpression;
