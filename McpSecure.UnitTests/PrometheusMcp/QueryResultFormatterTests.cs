using McpSecure.PrometheusMcp.Formatting;
using McpSecure.PrometheusMcp.Time;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class QueryResultFormatterTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_767_268_800);

    [Fact]
    public void An_instant_vector_is_one_line_per_series_with_the_time_once()
    {
        var response = PrometheusJson.Success("""
            {"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"api","instance":"a:80"},"value":[1767268800.5,"1"]},
              {"metric":{"__name__":"up","job":"say \"hi\"","instance":"b:80"},"value":[1767268800.5,"0"]}]}
            """);

        var output = QueryResultFormatter.FormatInstant("up", response, Start, limit: 100);

        Assert.Equal(
            "2 series at 2026-01-01T12:00:00.500Z:\n" +
            "up{job=\"api\",instance=\"a:80\"} 1\n" +
            "up{job=\"say \\\"hi\\\"\",instance=\"b:80\"} 0\n", output.Text);
        Assert.Equal(2, output.Structured.TotalSeries);
        Assert.Equal("0", output.Structured.Series[1].Value);
        Assert.Equal("say \"hi\"", output.Structured.Series[1].Metric["job"]);
        Assert.Null(output.Structured.Truncated);
    }

    [Fact]
    public void Series_beyond_the_limit_are_counted_and_the_note_says_how_to_narrow()
    {
        var series = string.Join(',', Enumerable.Range(0, 5).Select(i => $$"""{"metric":{"i":"{{i}}"},"value":[1767268800,"{{i}}"]}"""));
        var response = PrometheusJson.Success($$"""{"resultType":"vector","result":[{{series}}]}""");

        var output = QueryResultFormatter.FormatInstant("x", response, Start, limit: 2);

        var lines = output.Text.TrimEnd('\n').Split('\n');
        Assert.Equal("5 series at 2026-01-01T12:00:00Z:", lines[0]);
        Assert.Equal(["{i=\"0\"} 0", "{i=\"1\"} 1"], lines[1..3]);
        Assert.StartsWith("[truncated: showing the first 2 of 5 series;", lines[3]);
        Assert.Equal(lines[3], output.Structured.Truncated);
        Assert.Equal(2, output.Structured.Series.Count);
    }

    [Fact]
    public void A_scalar_and_warnings_are_written_as_such()
    {
        var response = PrometheusJson.Success("""{"resultType":"scalar","result":[1767268800,"42"]}""", """["look out"]""");

        var output = QueryResultFormatter.FormatInstant("scalar(1)", response, Start, limit: 100, echoQuery: true);

        Assert.Equal("scalar for `scalar(1)` at 2026-01-01T12:00:00Z: 42\nwarning: look out\n", output.Text);
        Assert.Equal("42", output.Structured.Scalar);
    }

    [Fact]
    public void A_matrix_is_laid_on_the_grid_with_runs_and_gaps()
    {
        // Six points every 60 s: 1 1 1 (a run), no sample at 180 s, then 2 2 (too short for a run).
        var response = PrometheusJson.Success("""
            {"resultType":"matrix","result":[{"metric":{"__name__":"m","job":"api"},"values":[
              [1767268800,"1"],[1767268860,"1"],[1767268920,"1"],[1767269040,"2"],[1767269100,"2"]]}]}
            """);
        var window = new RangeQueryWindow(Start, Start.AddMinutes(5), TimeSpan.FromMinutes(1));

        var output = QueryResultFormatter.FormatRange("m", response, window, limit: 100);

        Assert.Equal(
            "1 series, 6 points each from 2026-01-01T12:00:00Z to 2026-01-01T12:05:00Z every 1m (v*n = v repeated n times; _ = no sample):\n" +
            "m{job=\"api\"}: 1*3 _ 2 2\n", output.Text);
        Assert.Equal(["1", "1", "1", null, "2", "2"], output.Structured.Series[0].Values);
        Assert.Equal(6, output.Structured.PointsPerSeries);
        Assert.Equal(60, output.Structured.StepSeconds);
    }
}
