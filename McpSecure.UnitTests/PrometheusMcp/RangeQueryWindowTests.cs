using McpSecure.PrometheusMcp.Time;
using ModelContextProtocol;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class RangeQueryWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    // Range, then the nice step that gives at most 120 intervals: 1h/120 = 30s exactly; 24h/120 = 12m, rounded up to 15m.
    [Theory]
    [InlineData(300, 5)]
    [InlineData(3_600, 30)]
    [InlineData(3_601, 60)]
    [InlineData(86_400, 900)]
    [InlineData(7 * 86_400, 7_200)]
    public void The_automatic_step_is_the_next_nice_step_for_about_120_points(int rangeSeconds, int expectedStepSeconds)
    {
        var range = TimeSpan.FromSeconds(rangeSeconds);

        var step = StepChooser.Choose(range);

        Assert.Equal(TimeSpan.FromSeconds(expectedStepSeconds), step);
        Assert.True(range / step <= StepChooser.TargetPoints);
    }

    [Fact]
    public void Beyond_the_listed_steps_whole_days_are_used()
    {
        var step = StepChooser.Choose(TimeSpan.FromDays(365 * 5));

        Assert.Equal(0, step.TotalSeconds % 86_400);
        Assert.True(TimeSpan.FromDays(365 * 5) / step <= StepChooser.TargetPoints);
    }

    [Fact]
    public void Without_arguments_the_window_is_the_last_hour_at_an_automatic_step()
    {
        var window = RangeQueryWindow.Resolve(null, null, null, Now, 11_000);

        Assert.Equal(Now, window.To);
        Assert.Equal(Now - RangeQueryWindow.DefaultRange, window.From);
        Assert.Equal(StepChooser.Choose(RangeQueryWindow.DefaultRange), window.Step);
        Assert.Equal((long)(RangeQueryWindow.DefaultRange / window.Step) + 1, window.Points);
    }

    [Fact]
    public void A_start_without_end_ends_now_and_the_step_is_parsed()
    {
        var window = RangeQueryWindow.Resolve("now-10m", null, "1m", Now, 11_000);

        Assert.Equal(Now.AddMinutes(-10), window.From);
        Assert.Equal(11, window.Points);
    }

    [Fact]
    public void A_start_after_the_end_is_refused()
    {
        var error = Assert.Throws<McpException>(() => RangeQueryWindow.Resolve("now", "now-1h", null, Now, 11_000));

        Assert.Equal("`start` (2026-03-04T12:00:00Z) is after `end` (2026-03-04T11:00:00Z): swap them.", error.Message);
    }

    [Fact]
    public void More_than_the_point_limit_is_refused_with_a_step_that_fits()
    {
        var error = Assert.Throws<McpException>(() => RangeQueryWindow.Resolve("now-1d", null, "1s", Now, 11_000));

        Assert.StartsWith("The range 2026-03-03T12:00:00Z to 2026-03-04T12:00:00Z at step 1s would return 86401 points per series; the limit is 11000.", error.Message);
        var suggested = System.Text.RegularExpressions.Regex.Match(error.Message, "a step of at least (\\S+),").Groups[1].Value;
        var window = RangeQueryWindow.Resolve("now-1d", null, suggested, Now, 11_000);
        Assert.True(window.Points <= 11_000);
    }
}
