using McpSecure.PrometheusMcp.PromQL;

namespace McpSecure.UnitTests.PrometheusMcp.PromQL;

public sealed class PromQlPrinterCorpusTests
{
    [Fact]
    public void The_corpus_covers_at_least_300_valid_expressions_and_some_invalid_ones()
    {
        var corpus = PromQlCorpus.Load();
        Assert.True(corpus.Count(e => e.Formatted is not null) >= 300, $"{corpus.Count(e => e.Formatted is not null)} valid expressions");
        Assert.True(corpus.Count(e => e.Formatted is null) >= 40);
    }

    [Fact]
    public void Every_valid_expression_formats_exactly_as_prometheus_formats_it()
    {
        var failures = new List<string>();
        foreach (var entry in PromQlCorpus.Load().Where(e => e.Formatted is not null))
        {
            try
            {
                var formatted = PromQlPrinter.Format(PromQlParser.Parse(entry.Query));
                if (formatted != entry.Formatted)
                {
                    failures.Add($"{entry.Query}\n  prometheus: {entry.Formatted}\n  ours:       {formatted}");
                }
            }
            catch (PromQlSyntaxException ex)
            {
                failures.Add($"{entry.Query}\n  prometheus: {entry.Formatted}\n  ours:       {ex.Message}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} differ:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Every_expression_prometheus_refuses_is_refused_with_a_position()
    {
        var accepted = new List<string>();
        foreach (var entry in PromQlCorpus.Load().Where(e => e.Formatted is null))
        {
            try
            {
                accepted.Add($"{entry.Query} => {PromQlPrinter.Print(PromQlParser.Parse(entry.Query))} (prometheus: {entry.Error})");
            }
            catch (PromQlSyntaxException ex)
            {
                Assert.StartsWith("PromQL parse error at line ", ex.Message);
                Assert.True(ex.Line >= 1 && ex.Column >= 1);
            }
        }
        Assert.True(accepted.Count == 0, $"{accepted.Count} accepted:\n" + string.Join("\n", accepted));
    }

    [Fact]
    public void Printing_the_parse_of_a_printed_expression_changes_nothing()
    {
        foreach (var entry in PromQlCorpus.Load().Where(e => e.Formatted is not null))
        {
            var once = PromQlPrinter.Print(PromQlParser.Parse(entry.Query));
            Assert.Equal(once, PromQlPrinter.Print(PromQlParser.Parse(once)));
        }
    }
}
