using McpSecure.PrometheusMcp.PromQL;

namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>
/// Confines PromQL to one tenant on the syntax tree: every vector and matrix selector, wherever it is (function
/// arguments, aggregations, both sides of <c>or</c>/<c>unless</c>, subqueries), gets the matcher
/// <c>label="tenant"</c>. A selector that already names the label with anything but that exact matcher is refused,
/// so a query can never widen (or silently change) its tenant.
/// </summary>
internal sealed class TenantQueryRewriter(string label, string tenant)
{
    /// <summary>The query, parsed, confined and printed on one line; a <see cref="PromQlSyntaxException"/> or <see cref="TenantViolationException"/> otherwise.</summary>
    public string RewriteQuery(string query) => PromQlPrinter.Print(Rewrite(PromQlParser.Parse(query)));

    /// <summary>A <c>match[]</c> series selector, confined.</summary>
    public string RewriteSeriesSelector(string selector) => PromQlPrinter.Print(Confine(PromQlParser.ParseSeriesSelector(selector)));

    /// <summary>The selector of all the tenant's series, <c>{label="tenant"}</c>, for calls that would otherwise have no <c>match[]</c>.</summary>
    public string AllSeriesSelector => PromQlPrinter.Print(new VectorSelector("", [new LabelMatcher(label, MatchOperator.Equal, tenant)]));

    public PromQlExpression Rewrite(PromQlExpression expression) => expression switch
    {
        VectorSelector selector => Confine(selector),
        MatrixSelector matrix => matrix with { Selector = Confine(matrix.Selector) },
        SubqueryExpression subquery => subquery with { Expression = Rewrite(subquery.Expression) },
        FunctionCall call => call with { Arguments = call.Arguments.Select(Rewrite).ToList() },
        AggregateExpression aggregate => aggregate with
        {
            Expression = Rewrite(aggregate.Expression),
            Parameter = aggregate.Parameter is null ? null : Rewrite(aggregate.Parameter),
        },
        BinaryExpression binary => binary with { Left = Rewrite(binary.Left), Right = Rewrite(binary.Right) },
        UnaryExpression unary => unary with { Expression = Rewrite(unary.Expression) },
        ParenExpression paren => paren with { Expression = Rewrite(paren.Expression) },
        NumberLiteral or StringLiteral => expression,
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "Unknown PromQL node."),
    };

    private VectorSelector Confine(VectorSelector selector)
    {
        var enforced = new LabelMatcher(label, MatchOperator.Equal, tenant);
        foreach (var matcher in selector.Matchers.Where(m => m.Name == label))
        {
            if (matcher != enforced)
            {
                throw new TenantViolationException(
                    $"The query matches the label '{label}' ({label}{matcher.OperatorText}{GoText.Quote(matcher.Value)}), which this server sets " +
                    $"from your identity to \"{tenant}\": remove that matcher.");
            }
        }
        return selector with { Matchers = [.. selector.Matchers.Where(m => m.Name != label), enforced] };
    }
}
