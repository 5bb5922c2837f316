namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A subquery, <c>expr[range:step] @ t offset d</c>; <see cref="StepMilliseconds"/> is 0 when the step is left out.</summary>
internal sealed record SubqueryExpression(
    PromQlExpression Expression, long RangeMilliseconds, long StepMilliseconds, long OffsetMilliseconds = 0, AtModifier? At = null)
    : PromQlExpression;
