using McpSecure.PrometheusMcp.PromQL;
using McpSecure.PrometheusMcp.Tenancy;

namespace McpSecure.UnitTests.PrometheusMcp.PromQL;

public sealed class TenantQueryRewriterTests
{
    private static readonly TenantQueryRewriter Alice = new("tenant", "team-a");

    [Theory]
    [InlineData("up", "up{tenant=\"team-a\"}")]
    [InlineData("up{job=\"api\"}", "up{job=\"api\",tenant=\"team-a\"}")]
    [InlineData("rate(x[5m])", "rate(x{tenant=\"team-a\"}[5m])")]
    [InlineData("a or b", "a{tenant=\"team-a\"} or b{tenant=\"team-a\"}")]
    [InlineData("a unless on () b", "a{tenant=\"team-a\"} unless on () b{tenant=\"team-a\"}")]
    [InlineData("{__name__=~\".+\"}", "{__name__=~\".+\",tenant=\"team-a\"}")]
    [InlineData("absent(nothing)", "absent(nothing{tenant=\"team-a\"})")]
    [InlineData("max_over_time(rate(x[5m] offset 1h)[30m:1m] @ end())", "max_over_time(rate(x{tenant=\"team-a\"}[5m] offset 1h)[30m:1m] @ end())")]
    [InlineData("label_replace(up, \"tenant\", \"team-b\", \"\", \"\")", "label_replace(up{tenant=\"team-a\"}, \"tenant\", \"team-b\", \"\", \"\")")]
    [InlineData("topk(scalar(count(up)), -x)", "topk(scalar(count(up{tenant=\"team-a\"})), -x{tenant=\"team-a\"})")]
    [InlineData("vector(1) + time()", "vector(1) + time()")]
    [InlineData("up{tenant=\"team-a\"}", "up{tenant=\"team-a\"}")]
    [InlineData("(sum by (tenant) (up) > bool 0) * on (tenant) group_left count(x)",
        "(sum by (tenant) (up{tenant=\"team-a\"}) > bool 0) * on (tenant) group_left () count(x{tenant=\"team-a\"})")]
    public void Every_selector_gets_the_tenant_matcher(string query, string expected)
    {
        var rewritten = Alice.RewriteQuery(query);

        Assert.Equal(expected, rewritten);
        // The output is PromQL again, and rewriting it again changes nothing.
        Assert.Equal(rewritten, Alice.RewriteQuery(rewritten));
    }

    [Theory]
    [InlineData("up{tenant=\"team-b\"}")]
    [InlineData("up{tenant!=\"team-a\"}")]
    [InlineData("up{tenant=~\"team-.*\"}")]
    [InlineData("up{tenant=~\"team-a|team-b\"}")]
    [InlineData("up{tenant!~\"x\"}")]
    [InlineData("up{tenant=\"\"}")]
    [InlineData("sum(rate(x[5m])) or up{tenant=\"team-b\"}")]
    [InlineData("max_over_time(x{tenant=\"team-b\"}[5m:])")]
    public void A_matcher_on_the_tenant_label_other_than_the_enforced_one_is_refused(string query)
    {
        var error = Assert.Throws<TenantViolationException>(() => Alice.RewriteQuery(query));

        Assert.Contains("label 'tenant'", error.Message);
        Assert.Contains("team-a", error.Message);
    }

    [Fact]
    public void Every_selector_of_every_corpus_expression_is_confined()
    {
        foreach (var entry in PromQlCorpus.Load().Where(e => e.Formatted is not null))
        {
            var tree = PromQlParser.Parse(entry.Query);
            if (Selectors(tree).Any(s => s.Matchers.Any(m => m.Name == "tenant")))
            {
                continue;
            }
            var confined = PromQlParser.Parse(Alice.RewriteQuery(entry.Query));
            var selectors = Selectors(confined).ToList();
            Assert.Equal(Selectors(tree).Count(), selectors.Count);
            Assert.All(selectors, s => Assert.Single(s.Matchers, m => m == new LabelMatcher("tenant", MatchOperator.Equal, "team-a")));
        }
    }

    [Theory]
    [InlineData("up", "up{tenant=\"team-a\"}")]
    [InlineData("{job=~\"a.*\"}", "{job=~\"a.*\",tenant=\"team-a\"}")]
    public void Series_selectors_are_confined(string selector, string expected) =>
        Assert.Equal(expected, Alice.RewriteSeriesSelector(selector));

    [Theory]
    [InlineData("rate(up[5m])")]
    [InlineData("up + 1")]
    [InlineData("up[5m]")]
    public void A_series_selector_must_be_a_selector(string selector)
    {
        var error = Assert.Throws<PromQlSyntaxException>(() => Alice.RewriteSeriesSelector(selector));
        Assert.Contains("series selector", error.Message);
    }

    [Fact]
    public void The_selector_of_all_the_tenants_series_names_only_the_tenant() =>
        Assert.Equal("{tenant=\"team-a\"}", Alice.AllSeriesSelector);

    [Theory]
    [InlineData("up{", 1, 4)]
    [InlineData("sum(rate(x[5m])\n  by (job)", 2, 3)]
    [InlineData("rate(x)", 1, 1)]
    [InlineData("up{job=\"a\"} +", 1, 14)]
    public void Parse_errors_name_line_and_column(string query, int line, int column)
    {
        var error = Assert.Throws<PromQlSyntaxException>(() => PromQlParser.Parse(query));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"line {line}, column {column}", error.Message);
    }

    private static IEnumerable<VectorSelector> Selectors(PromQlExpression expression) => expression switch
    {
        VectorSelector selector => [selector],
        MatrixSelector matrix => [matrix.Selector],
        SubqueryExpression subquery => Selectors(subquery.Expression),
        FunctionCall call => call.Arguments.SelectMany(Selectors),
        AggregateExpression aggregate => Selectors(aggregate.Expression).Concat(aggregate.Parameter is null ? [] : Selectors(aggregate.Parameter)),
        BinaryExpression binary => Selectors(binary.Left).Concat(Selectors(binary.Right)),
        UnaryExpression unary => Selectors(unary.Expression),
        ParenExpression paren => Selectors(paren.Expression),
        _ => [],
    };
}
