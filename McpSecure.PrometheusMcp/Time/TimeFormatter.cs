namespace McpSecure.PrometheusMcp.Time;

/// <summary>Writes times and durations the way the tools accept them back: RFC 3339 in UTC, and Prometheus durations.</summary>
internal static class TimeFormatter
{
    /// <summary>Formats a duration the way Prometheus writes it (<c>1h30m</c>, <c>15s</c>; <c>1500ms</c> below whole seconds).</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration.TotalMilliseconds % 1000 != 0)
        {
            return $"{(long)duration.TotalMilliseconds}ms";
        }
        var text = "";
        var rest = (long)duration.TotalSeconds;
        foreach (var (unit, size) in new[] { ("d", 86_400L), ("h", 3_600L), ("m", 60L), ("s", 1L) })
        {
            if (rest >= size)
            {
                text += $"{rest / size}{unit}";
                rest %= size;
            }
        }
        return text.Length == 0 ? "0s" : text;
    }

    /// <summary>RFC 3339 in UTC, with milliseconds only when there are some.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(time.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
