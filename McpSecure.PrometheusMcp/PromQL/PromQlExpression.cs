namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>A node of a parsed PromQL expression (see <see cref="PromQlParser"/>); printed by <see cref="PromQlPrinter"/>.</summary>
internal abstract record PromQlExpression;
