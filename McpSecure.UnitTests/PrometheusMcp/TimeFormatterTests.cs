using McpSecure.PrometheusMcp.Time;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class TimeFormatterTests
{
    [Theory]
    [InlineData("1h30m")]
    [InlineData("15s")]
    [InlineData("1d1h1m1s")]
    [InlineData("1500ms")]
    public void Durations_are_written_as_prometheus_reads_them_back(string duration) =>
        Assert.Equal(duration, TimeFormatter.FormatDuration(TimeParser.ParseDuration(duration, "d")));

    [Fact]
    public void Larger_units_absorb_smaller_ones()
    {
        Assert.Equal("1h30m", TimeFormatter.FormatDuration(TimeSpan.FromSeconds(5400)));
        Assert.Equal("2d", TimeFormatter.FormatDuration(TimeSpan.FromHours(48)));
        Assert.Equal("0s", TimeFormatter.FormatDuration(TimeSpan.Zero));
    }

    [Fact]
    public void Times_are_utc_rfc3339_with_milliseconds_only_when_there_are_some()
    {
        var time = new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal("2026-01-01T12:00:00Z", TimeFormatter.FormatTime(time));
        Assert.Equal("2026-01-01T12:00:00.250Z", TimeFormatter.FormatTime(time.AddMilliseconds(250)));
    }
}
