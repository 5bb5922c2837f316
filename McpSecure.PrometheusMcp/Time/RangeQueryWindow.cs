namespace McpSecure.PrometheusMcp.Time;

/// <summary>
/// The time grid of a range query: from <see cref="From"/> to <see cref="To"/> every <see cref="Step"/>, which gives
/// <see cref="Points"/> points per series.
/// </summary>
internal sealed record RangeQueryWindow(DateTimeOffset From, DateTimeOffset To, TimeSpan Step)
{
    /// <summary>The range when the caller gives no start: the last hour before the end.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    /// <summary>Points per series, the first at <see cref="From"/>, the last at or before <see cref="To"/>.</summary>
    public long Points => (long)Math.Floor((To - From) / Step) + 1;

    /// <summary>
    /// Resolves the <c>start</c>, <c>end</c> and <c>step</c> arguments (end defaults to now, start to an hour before the
    /// end, step to <see cref="StepChooser.Choose"/>). A grid of more than <paramref name="maxPointsPerSeries"/> points is
    /// refused with the smallest step that would fit, because Prometheus refuses it anyway and the caller can fix it.
    /// </summary>
    public static RangeQueryWindow Resolve(string? start, string? end, string? step, DateTimeOffset now, int maxPointsPerSeries)
    {
        var to = TimeParser.ParseOptional(end, nameof(end), now) ?? now;
        var from = TimeParser.ParseOptional(start, nameof(start), now) ?? to - DefaultRange;
        if (from > to)
        {
            throw new McpException($"`start` ({TimeFormatter.FormatTime(from)}) is after `end` ({TimeFormatter.FormatTime(to)}): swap them.");
        }
        var window = new RangeQueryWindow(from, to, step is null ? StepChooser.Choose(to - from) : TimeParser.ParseDuration(step, nameof(step)));
        if (window.Points > maxPointsPerSeries)
        {
            var minimumStep = TimeSpan.FromSeconds(Math.Ceiling((to - from).TotalSeconds / (maxPointsPerSeries - 1)));
            throw new McpException(string.Create(CultureInfo.InvariantCulture,
                $"The range {TimeFormatter.FormatTime(from)} to {TimeFormatter.FormatTime(to)} at step {TimeFormatter.FormatDuration(window.Step)} would return {window.Points} points per series; " +
                $"the limit is {maxPointsPerSeries}. Use a step of at least {TimeFormatter.FormatDuration(minimumStep)}, shorten the range, or omit `step` to let the server choose."));
        }
        return window;
    }
}
