using System.Text.RegularExpressions;

namespace McpSecure.PrometheusMcp.Time;

/// <summary>
/// Parses the time and duration arguments of the tools: RFC 3339, Unix seconds, or relative to now
/// (<c>now</c>, <c>now-1h</c>, <c>now-1d12h</c>); durations as Prometheus writes them (<c>30s</c>, <c>5m</c>, <c>1h30m</c>) or seconds.
/// A value that is none of these is a tool error that names the argument and the formats.
/// </summary>
internal static partial class TimeParser
{
    public const string TimeFormats = "RFC 3339 (2026-01-01T12:00:00Z), Unix seconds (1767268800) or relative to now (now, now-1h, now-30m)";

    public static DateTimeOffset Parse(string value, string argumentName, DateTimeOffset now)
    {
        var text = value.Trim();
        if (text.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return now;
        }
        if (RelativeTime().Match(text) is { Success: true } relative)
        {
            var offset = ParseDuration(relative.Groups["duration"].Value, argumentName);
            return relative.Groups["sign"].Value == "-" ? now - offset : now + offset;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unixSeconds) && double.IsFinite(unixSeconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixSeconds * 1000));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        throw new McpException($"`{argumentName}` = '{value}' is not a time: use {TimeFormats}.");
    }

    /// <summary>Like <see cref="Parse"/>, for an optional argument: null when it was not given.</summary>
    public static DateTimeOffset? ParseOptional(string? value, string argumentName, DateTimeOffset now) =>
        value is null ? null : Parse(value, argumentName, now);

    /// <summary>The optional <c>start</c> and <c>end</c> arguments that restrict a lookup to a time range.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) ParseOptionalRange(string? start, string? end, DateTimeOffset now) =>
        (ParseOptional(start, nameof(start), now), ParseOptional(end, nameof(end), now));

    /// <summary>A Prometheus duration (<c>1h30m</c>, <c>15s</c>, <c>500ms</c>, <c>2d</c>, <c>1w</c>, <c>1y</c>) or a number of seconds.</summary>
    public static TimeSpan ParseDuration(string value, string argumentName)
    {
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds > 0)
        {
            return TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        }
        var match = Duration().Match(text);
        if (match.Success && text.Length > 0)
        {
            var total = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unitStart = part.Value.IndexOfAny(['y', 'w', 'd', 'h', 'm', 's']);
                var amount = long.Parse(part.Value[..unitStart], CultureInfo.InvariantCulture);
                total += part.Value[unitStart..] switch
                {
                    "y" => TimeSpan.FromDays(365 * amount),
                    "w" => TimeSpan.FromDays(7 * amount),
                    "d" => TimeSpan.FromDays(amount),
                    "h" => TimeSpan.FromHours(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    _ => TimeSpan.FromMilliseconds(amount),
                };
            }
            if (total > TimeSpan.Zero)
            {
                return total;
            }
        }
        throw new McpException($"`{argumentName}` = '{value}' is not a duration: use a Prometheus duration (15s, 5m, 1h30m, 2d) or a number of seconds.");
    }

    [GeneratedRegex(@"^now\s*(?<sign>[+-])\s*(?<duration>\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeTime();

    [GeneratedRegex(@"^(?<part>\d+(ms|y|w|d|h|m|s))+$")]
    private static partial Regex Duration();
}
