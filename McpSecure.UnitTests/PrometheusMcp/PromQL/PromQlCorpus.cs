using System.Text.Json;

namespace McpSecure.UnitTests.PrometheusMcp.PromQL;

/// <summary>
/// <c>promql-corpus.jsonl</c>: PromQL expressions with Prometheus 2.42's own <c>/api/v1/format_query</c> answer
/// (<c>formatted</c>), or null and its error when Prometheus refuses the expression. The end-to-end layer asks a real
/// Prometheus again (McpSecure.Tests, PromQlDifferentialTests), so the recorded answers cannot drift.
/// </summary>
public static class PromQlCorpus
{
    public const string FileName = "promql-corpus.jsonl";

    public sealed record Entry(string Query, string? Formatted, string? Error);

    public static IReadOnlyList<Entry> Load(string? directory = null)
    {
        var path = Path.Combine(directory ?? Path.Combine(AppContext.BaseDirectory, "PrometheusMcp", "PromQL"), FileName);
        return File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                return new Entry(Text("query")!, Text("formatted"), Text("error"));
            })
            .ToList();
    }
}
