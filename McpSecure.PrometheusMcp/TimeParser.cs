using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace McpSecure.PrometheusMcp;

/// <summary>
/// Parses the time and duration arguments of the tools: RFC 3339, Unix seconds, or relative to now
/// (<c>now</c>, <c>now-1h</c>, <c>now-1d12h</c>); durations as Prometheus writes them (<c>30s</c>, <c>5m</c>, <c>1h30m</c>) or seconds.
/// </summary>
public static partial class TimeParser
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

    /// <summary>Formats a duration the way Prometheus writes it (<c>1h30m</c>, <c>15s</c>).</summary>
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

    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(time.Millisecond == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^now\s*(?<sign>[+-])\s*(?<duration>\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeTime();

    [GeneratedRegex(@"^(?<part>\d+(ms|y|w|d|h|m|s))+$")]
    private static partial Regex Duration();
}
