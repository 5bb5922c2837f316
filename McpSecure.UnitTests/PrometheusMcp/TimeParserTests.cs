using McpSecure.PrometheusMcp.Time;
using ModelContextProtocol;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class TimeParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-01-01T12:00:00Z", "2026-01-01T12:00:00+00:00")]
    [InlineData("2026-01-01T14:30:00+02:00", "2026-01-01T12:30:00+00:00")]
    [InlineData("2026-01-01T12:00:00", "2026-01-01T12:00:00+00:00")]
    public void Rfc3339_times_are_read_as_utc(string value, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeParser.Parse(value, "time", Now));

    [Fact]
    public void Unix_seconds_keep_their_milliseconds()
    {
        var parsed = TimeParser.Parse("1767268800.25", "time", Now);

        Assert.Equal(1_767_268_800_250, parsed.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("now", 0)]
    [InlineData("NOW", 0)]
    [InlineData("now-1h", -3600)]
    [InlineData("now - 30m", -1800)]
    [InlineData("now+15s", 15)]
    [InlineData("now-1d12h", -129_600)]
    public void Relative_times_count_from_the_clock(string value, int offsetSeconds) =>
        Assert.Equal(Now.AddSeconds(offsetSeconds), TimeParser.Parse(value, "start", Now));

    [Fact]
    public void A_bad_time_names_the_argument_and_the_formats()
    {
        var error = Assert.Throws<McpException>(() => TimeParser.Parse("yesterday", "start", Now));

        Assert.StartsWith("`start` = 'yesterday' is not a time: use ", error.Message);
        Assert.Contains(TimeParser.TimeFormats, error.Message);
    }

    [Fact]
    public void A_bad_duration_inside_a_relative_time_names_the_argument()
    {
        var error = Assert.Throws<McpException>(() => TimeParser.Parse("now-5x", "end", Now));

        Assert.StartsWith("`end` = '5x' is not a duration", error.Message);
    }

    [Fact]
    public void Optional_times_stay_null_when_not_given()
    {
        Assert.Null(TimeParser.ParseOptional(null, "time", Now));
        var (from, to) = TimeParser.ParseOptionalRange("now-1h", null, Now);
        Assert.Equal(Now.AddHours(-1), from);
        Assert.Null(to);
    }

    [Theory]
    [InlineData("1h30m", 5400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("90", 90_000)]
    [InlineData("0.5", 500)]
    public void Durations_are_prometheus_durations_or_seconds(string value, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TimeParser.ParseDuration(value, "step"));

    [Theory]
    [InlineData("0s")]
    [InlineData("-5")]
    [InlineData("5 minutes")]
    [InlineData("")]
    public void Zero_negative_or_unknown_durations_are_refused_naming_the_argument(string value)
    {
        var error = Assert.Throws<McpException>(() => TimeParser.ParseDuration(value, "step"));

        Assert.StartsWith($"`step` = '{value}' is not a duration: use a Prometheus duration", error.Message);
    }
}
