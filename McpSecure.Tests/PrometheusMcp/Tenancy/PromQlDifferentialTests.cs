using System.Text.Json;
using McpSecure.UnitTests.PrometheusMcp.PromQL;

namespace McpSecure.Tests.PrometheusMcp.Tenancy;

/// <summary>
/// The PromQL corpus against the real Prometheus 2.42: its <c>/api/v1/format_query</c> answers every expression exactly as
/// recorded in <c>promql-corpus.jsonl</c> (which the fast layer checks our printer against), and refuses the ones
/// recorded as invalid. A corpus whose recorded answers drifted from Prometheus fails here.
/// </summary>
public sealed class PromQlDifferentialTests(TwoTenantPrometheus data) : IClassFixture<TwoTenantPrometheus>
{
    [Fact]
    public async Task Prometheus_formats_every_corpus_expression_as_recorded()
    {
        var corpus = PromQlCorpus.Load(Path.Combine(AppContext.BaseDirectory, "PromQL"));
        Assert.True(corpus.Count(e => e.Formatted is not null) >= 300);
        using var http = new HttpClient { BaseAddress = data.PrometheusUrl, Timeout = TimeSpan.FromSeconds(30) };
        var differences = new List<string>();
        // A few at a time: the machine is shared.
        foreach (var chunk in corpus.Chunk(8))
        {
            var answers = await Task.WhenAll(chunk.Select(async entry =>
            {
                using var response = await http.PostAsync("api/v1/format_query", new FormUrlEncodedContent([new("query", entry.Query)]));
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var formatted = json.RootElement.GetProperty("status").GetString() == "success" ? json.RootElement.GetProperty("data").GetString() : null;
                return (entry, formatted);
            }));
            differences.AddRange(answers.Where(a => a.formatted != a.entry.Formatted)
                .Select(a => $"{a.entry.Query}\n  recorded:   {a.entry.Formatted ?? "(refused)"}\n  prometheus: {a.formatted ?? "(refused)"}"));
        }
        Assert.True(differences.Count == 0, $"{differences.Count} differ:\n{string.Join("\n", differences)}");
    }
}
