namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>
/// An instant vector selector, <c>name{matchers} @ t offset d</c>. <see cref="Name"/> is empty when the source names no
/// metric (<c>{__name__=~"x.*"}</c>); the name is not repeated among <see cref="Matchers"/>.
/// </summary>
internal sealed record VectorSelector(string Name, IReadOnlyList<LabelMatcher> Matchers, long OffsetMilliseconds = 0, AtModifier? At = null)
    : PromQlExpression;
