using System.Globalization;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>The PromQL tools against the real Prometheus of the AppHost, on the backfilled data of <see cref="PrometheusFixtureData"/>.</summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class QueryToolTests(EmbeddedAppFixture fixture)
{
    private PrometheusFixtureData Data => fixture.PrometheusData;

    [Fact]
    public async Task Instant_query_returns_one_line_per_series_with_exact_values_and_the_same_in_structured_content()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var answer = (await client.CallAsync("execute_query", new { query = "mcpfx_temperature_celsius", time = Data.Unix(60).ToString(CultureInfo.InvariantCulture) })).Ok();

        Assert.Equal(
        [
            $"2 series at {Rfc3339(Data.At(60))}:",
            "mcpfx_temperature_celsius{room=\"lab\"} 60",
            "mcpfx_temperature_celsius{room=\"office\"} 20.5",
        ], answer.Lines);
        var json = answer.Json;
        Assert.Equal("vector", json.GetProperty("resultType").GetString());
        Assert.Equal(2, json.GetProperty("totalSeries").GetInt32());
        var lab = json.GetProperty("series")[0];
        Assert.Equal("lab", lab.GetProperty("metric").GetProperty("room").GetString());
        Assert.Equal("mcpfx_temperature_celsius", lab.GetProperty("metric").GetProperty("__name__").GetString());
        Assert.Equal("60", lab.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Instant_query_accepts_rfc3339_and_computes_rates_exactly()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var answer = (await client.CallAsync("execute_query", new
        {
            query = "sum by (code) (rate(mcpfx_requests_total[5m]))",
            time = Rfc3339(Data.At(60)),
        })).Ok();

        // 10 requests a minute per instance with code 200 (two instances), 1 a minute with code 500: 1/6 + 1/6 in binary
        // floating point is 0.33333333333333337, which Prometheus prints in full.
        Assert.Contains("{code=\"200\"} 0.33333333333333337", answer.Lines);
        Assert.Contains("{code=\"500\"} 0.016666666666666666", answer.Lines);
    }

    [Fact]
    public async Task Relative_times_are_resolved_against_now()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        // 30 s after minute 90, expressed relative to now: the latest sample then is k = 90.
        var secondsAgo = (long)(DateTimeOffset.UtcNow - Data.At(90).AddSeconds(30)).TotalSeconds;
        var lab = (await client.CallAsync("execute_query", new { query = "mcpfx_temperature_celsius{room=\"lab\"}", time = $"now-{secondsAgo}s" })).Ok();
        Assert.Equal("mcpfx_temperature_celsius{room=\"lab\"} 90", lab.Lines[1]);

        var before = DateTimeOffset.UtcNow.AddHours(-4);
        var office = (await client.CallAsync("execute_query", new { query = "mcpfx_temperature_celsius{room=\"office\"}", time = "now-4h" })).Ok();
        var evaluatedAt = DateTimeOffset.Parse(office.Json.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(evaluatedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(-4).AddSeconds(1));
        Assert.Equal("mcpfx_temperature_celsius{room=\"office\"} 20.5", office.Lines[1]);

        var now = (await client.CallAsync("execute_query", new { query = "mcpfx_temperature_celsius", time = "now" })).Ok();
        Assert.StartsWith("0 series at ", now.Text);
    }

    [Fact]
    public async Task Range_query_returns_the_exact_grid_with_runs_compressed()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var answer = (await client.CallAsync("execute_range_query", new
        {
            query = "mcpfx_temperature_celsius",
            start = Data.Unix(0).ToString(CultureInfo.InvariantCulture),
            end = Rfc3339(Data.At(10)),
            step = "1m",
        })).Ok();

        Assert.Equal(
        [
            $"2 series, 11 points each from {Rfc3339(Data.At(0))} to {Rfc3339(Data.At(10))} every 1m (v*n = v repeated n times; _ = no sample):",
            "mcpfx_temperature_celsius{room=\"lab\"}: 0 1 2 3 4 5 6 7 8 9 10",
            "mcpfx_temperature_celsius{room=\"office\"}: 20.5*11",
        ], answer.Lines);
        var json = answer.Json;
        Assert.Equal(Data.Unix(0), json.GetProperty("startUnix").GetDouble());
        Assert.Equal(60, json.GetProperty("stepSeconds").GetDouble());
        Assert.Equal(Enumerable.Repeat("20.5", 11), json.GetProperty("series")[1].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Range_query_chooses_the_step_when_omitted_and_marks_missing_samples()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        // One hour → 30 s (about 120 intervals). The data ends at minute 180: later points have no sample within the 5 min lookback.
        var answer = (await client.CallAsync("execute_range_query", new
        {
            query = "mcpfx_temperature_celsius{room=\"lab\"}",
            start = Rfc3339(Data.At(150)),
            end = Rfc3339(Data.At(210)),
        })).Ok();

        var json = answer.Json;
        Assert.Equal("30s", json.GetProperty("step").GetString());
        Assert.Equal(121, json.GetProperty("pointsPerSeries").GetInt32());
        var values = json.GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToList();
        // Minutes 150…180 (each twice: on the minute and 30 s later), then the 5-minute lookback keeps 180 until 185, then nothing.
        var expected = new List<string?>();
        for (var i = 0; i <= 120; i++)
        {
            var minute = 150 + i / 2;
            expected.Add(minute <= 180 ? minute.ToString(CultureInfo.InvariantCulture) : i <= 70 ? "180" : null);
        }
        Assert.Equal(expected, values);
        Assert.EndsWith(" _*50", answer.Lines[1]);
    }

    [Fact]
    public async Task Range_query_over_the_points_limit_is_refused_with_how_to_narrow_it()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var answer = await client.CallAsync("execute_range_query", new { query = "up", start = "now-4h", end = "now", step = "1s" });

        Assert.True(answer.IsError);
        Assert.Contains("would return 14401 points per series; the limit is 11000. Use a step of at least 2s, shorten the range, or omit `step`", answer.Text);
    }

    [Fact]
    public async Task Special_values_survive_unchanged()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var answer = (await client.CallAsync("execute_query", new { query = "mcpfx_special_value", time = Data.Unix(5).ToString(CultureInfo.InvariantCulture) })).Ok();

        Assert.Contains("mcpfx_special_value{kind=\"nan\"} NaN", answer.Lines);
        Assert.Contains("mcpfx_special_value{kind=\"inf\"} +Inf", answer.Lines);
    }

    [Fact]
    public async Task Many_series_are_truncated_with_an_explicit_note_and_limit_is_honoured()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);
        var time = Data.Unix(60).ToString(CultureInfo.InvariantCulture);

        var answer = (await client.CallAsync("execute_query", new { query = "mcpfx_many", time })).Ok();
        Assert.StartsWith("150 series at ", answer.Lines[0]);
        Assert.Equal(100, answer.Lines.Count(l => l.StartsWith("mcpfx_many{", StringComparison.Ordinal)));
        Assert.Equal("[truncated: showing the first 100 of 150 series; narrow the query with label matchers or aggregate (sum by (job) (…)), or raise `limit`]", answer.Lines[^1]);
        Assert.Equal(150, answer.Json.GetProperty("totalSeries").GetInt32());
        Assert.Equal(100, answer.Json.GetProperty("series").GetArrayLength());

        var five = (await client.CallAsync("execute_query", new { query = "mcpfx_many", time, limit = 5 })).Ok();
        Assert.Equal(5, five.Lines.Count(l => l.StartsWith("mcpfx_many{", StringComparison.Ordinal)));

        var all = (await client.CallAsync("execute_query", new { query = "sum(mcpfx_many)", time })).Ok();
        Assert.Equal("{} 11175", all.Lines[1]);
    }

    [Fact]
    public async Task Histogram_quantile_builds_the_query_and_returns_exact_quantiles()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);
        var time = Data.Unix(60).ToString(CultureInfo.InvariantCulture);

        var median = (await client.CallAsync("histogram_quantile", new { metric = "mcpfx_request_duration_seconds", quantile = 0.5, time })).Ok();
        Assert.Equal("histogram_quantile(0.5, sum by (le) (rate(mcpfx_request_duration_seconds_bucket[5m])))", median.Json.GetProperty("query").GetString());
        Assert.Equal([$"1 series for `histogram_quantile(0.5, sum by (le) (rate(mcpfx_request_duration_seconds_bucket[5m])))` at {Rfc3339(Data.At(60))}:", "{} 0.1"], median.Lines);

        // 75th percentile: rank 75 of 100 falls in (0.1, 0.5], which holds 40 → 0.1 + 0.4 × 25/40 = 0.35.
        var p75 = (await client.CallAsync("histogram_quantile", new { metric = "mcpfx_request_duration_seconds_bucket", quantile = 0.75, by = "job", filter = "job=\"api\"", range = "10m", time })).Ok();
        Assert.Equal("histogram_quantile(0.75, sum by (le, job) (rate(mcpfx_request_duration_seconds_bucket{job=\"api\"}[10m])))", p75.Json.GetProperty("query").GetString());
        var line = Assert.Single(p75.Lines, l => l.StartsWith("{job=\"api\"} ", StringComparison.Ordinal));
        Assert.Equal(0.35, double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture), 12);

        var bad = await client.CallAsync("histogram_quantile", new { metric = "mcpfx_request_duration_seconds", quantile = 95 });
        Assert.True(bad.IsError);
        Assert.Contains("`quantile` = 95 is out of range", bad.Text);
    }

    [Fact]
    public async Task Prometheus_errors_come_back_as_tool_errors_with_its_message_and_the_query()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var parse = await client.CallAsync("execute_query", new { query = "sum(rate(mcpfx_requests_total[5m]" });
        Assert.True(parse.IsError);
        Assert.Contains("Prometheus error (bad_data):", parse.Text);
        Assert.Contains("parse error", parse.Text);
        Assert.Contains("(query: `sum(rate(mcpfx_requests_total[5m]`)", parse.Text);

        var time = await client.CallAsync("execute_query", new { query = "up", time = "yesterday" });
        Assert.True(time.IsError);
        Assert.Contains("`time` = 'yesterday' is not a time", time.Text);

        var step = await client.CallAsync("execute_range_query", new { query = "up", step = "fast" });
        Assert.True(step.IsError);
        Assert.Contains("`step` = 'fast' is not a duration", step.Text);

        var order = await client.CallAsync("execute_range_query", new { query = "up", start = "now", end = "now-1h" });
        Assert.True(order.IsError);
        Assert.Contains("is after `end`", order.Text);

        var empty = await client.CallAsync("execute_query", new { query = " " });
        Assert.True(empty.IsError);
        Assert.Contains("`query` is empty", empty.Text);
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
