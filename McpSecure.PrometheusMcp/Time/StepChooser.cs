namespace McpSecure.PrometheusMcp.Time;

/// <summary>
/// Chooses the step of a range query when the caller gives none: a "nice" step (15s, 1m, 5m, 1h…) that yields about
/// <see cref="TargetPoints"/> points, enough to show a shape and few enough for a model's context.
/// </summary>
internal static class StepChooser
{
    /// <summary>Points an automatic step aims at.</summary>
    public const int TargetPoints = 120;

    private static readonly int[] NiceStepsSeconds =
        [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

    /// <summary>The smallest nice step that keeps <paramref name="range"/> at or under <see cref="TargetPoints"/> intervals; whole days beyond a week.</summary>
    public static TimeSpan Choose(TimeSpan range)
    {
        var wanted = range.TotalSeconds / TargetPoints;
        foreach (var seconds in NiceStepsSeconds)
        {
            if (seconds >= wanted)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return TimeSpan.FromSeconds(Math.Ceiling(wanted / 86400) * 86400);
    }
}
