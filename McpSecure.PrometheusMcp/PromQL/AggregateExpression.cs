namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>An aggregation, <c>sum by (job) (x)</c> or <c>topk(5, x)</c>; <see cref="Parameter"/> only for topk, bottomk, quantile, count_values.</summary>
internal sealed record AggregateExpression(
    string Operator, PromQlExpression Expression, PromQlExpression? Parameter, IReadOnlyList<string> Grouping, bool Without)
    : PromQlExpression;
