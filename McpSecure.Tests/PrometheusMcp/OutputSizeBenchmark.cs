using System.Globalization;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// Output-size benchmark: characters the query tools return versus Prometheus's raw JSON for the same queries, on the
/// backfilled data. Prints the figures (goal: text at most half of the raw JSON); fails only if a value is lost, i.e. if
/// any series or sample of Prometheus's answer is missing or different in the tool's structured content.
/// Run alone: dotnet test McpSecure.Tests --filter Category=Benchmark --logger "console;verbosity=detailed"
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class OutputSizeBenchmark(EmbeddedAppFixture fixture, ITestOutputHelper output)
{
    private sealed record Case(string Tool, string Query, Dictionary<string, object?> Arguments);

    [Fact]
    public async Task Query_tools_return_far_fewer_characters_than_prometheus_json_without_losing_a_value()
    {
        var d = fixture.PrometheusData;
        string U(int minute) => d.Unix(minute).ToString(CultureInfo.InvariantCulture);
        var cases = new List<Case>();
        foreach (var q in new[] { "mcpfx_temperature_celsius", "mcpfx_requests_total", "sum by (code) (rate(mcpfx_requests_total[5m]))", "mcpfx_many", "mcpfx_request_duration_seconds_bucket" })
        {
            cases.Add(new("execute_query", q, new() { ["query"] = q, ["time"] = U(90), ["limit"] = 1000 }));
        }
        foreach (var (q, start, end, step) in new[]
                 {
                     ("mcpfx_temperature_celsius", 0, 180, "60"), ("rate(mcpfx_requests_total[5m])", 0, 180, "60"),
                     ("mcpfx_request_duration_seconds_bucket", 60, 120, "30"), ("mcpfx_many", 0, 60, "60"),
                     ("sum(rate(mcpfx_requests_total[5m]))", 0, 180, "15"),
                 })
        {
            cases.Add(new("execute_range_query", q, new() { ["query"] = q, ["start"] = U(start), ["end"] = U(end), ["step"] = step, ["limit"] = 1000 }));
        }

        await using var client = await DirectMcp.ConnectAsync(fixture);
        using var prometheus = fixture.App.CreateHttpClient("prometheus", "http");
        long rawTotal = 0, textTotal = 0, structuredTotal = 0;
        // "whole": what one answer carries on the wire with Prometheus:StructuredContent on (text plus the structured copy).
        output.WriteLine($"{"tool",-20} {"raw JSON",9} {"text",7} {"ratio",6} {"struct",7} {"ratio",6} {"whole",7} {"ratio",6}  query");
        foreach (var c in cases)
        {
            var answer = (await client.CallAsync(c.Tool, c.Arguments)).Ok();
            var parameters = c.Arguments.Where(a => a.Key != "limit").ToDictionary(a => a.Key, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture)!);
            using var response = await prometheus.PostAsync(c.Tool == "execute_query" ? "/api/v1/query" : "/api/v1/query_range", new FormUrlEncodedContent(parameters));
            var raw = await response.Content.ReadAsStringAsync();
            AssertNoValueLost(c, JsonDocument.Parse(raw).RootElement.GetProperty("data"), answer);

            var structured = answer.Json.GetRawText().Length;
            rawTotal += raw.Length;
            textTotal += answer.Text.Length;
            structuredTotal += structured;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Tool,-20} {raw.Length,9} {answer.Text.Length,7} {(double)answer.Text.Length / raw.Length,6:0.00} {structured,7} {(double)structured / raw.Length,6:0.00} {answer.Text.Length + structured,7} {(double)(answer.Text.Length + structured) / raw.Length,6:0.00}  {c.Query}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"TOTAL",-20} {rawTotal,9} {textTotal,7} {(double)textTotal / rawTotal,6:0.00} {structuredTotal,7} {(double)structuredTotal / rawTotal,6:0.00} {textTotal + structuredTotal,7} {(double)(textTotal + structuredTotal) / rawTotal,6:0.00}  (goal: text ratio ≤ 0.50)"));
        // A size, not a time: the text the model reads stays at most half of Prometheus's own JSON, with no value lost.
        Assert.True(textTotal * 2 <= rawTotal, $"text {textTotal} characters against {rawTotal} of raw JSON");
    }

    private static Dictionary<string, string?> Labels(JsonElement metric) =>
        metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

    private static void AssertNoValueLost(Case c, JsonElement raw, DirectMcp.ToolAnswer answer)
    {
        var series = answer.Json.GetProperty("series");
        var result = raw.GetProperty("result");
        Assert.Equal(result.GetArrayLength(), series.GetArrayLength());
        for (var i = 0; i < result.GetArrayLength(); i++)
        {
            var expected = result[i];
            var actual = series[i];
            Assert.Equal(Labels(expected.GetProperty("metric")), Labels(actual.GetProperty("metric")));
            if (c.Tool == "execute_query")
            {
                Assert.Equal(expected.GetProperty("value")[1].GetString(), actual.GetProperty("value").GetString());
                continue;
            }
            var start = answer.Json.GetProperty("startUnix").GetDouble();
            var step = answer.Json.GetProperty("stepSeconds").GetDouble();
            var values = actual.GetProperty("values");
            var present = 0;
            foreach (var point in expected.GetProperty("values").EnumerateArray())
            {
                var index = (int)Math.Round((point[0].GetDouble() - start) / step);
                Assert.Equal(point[1].GetString(), values[index].GetString());
                present++;
            }
            Assert.Equal(present, values.EnumerateArray().Count(v => v.ValueKind != JsonValueKind.Null));
        }
    }
}
