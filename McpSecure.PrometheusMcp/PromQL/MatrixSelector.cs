namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A range vector selector, <c>name{matchers}[range] @ t offset d</c>: the offset and @ live on the inner selector.</summary>
internal sealed record MatrixSelector(VectorSelector Selector, long RangeMilliseconds) : PromQlExpression;
