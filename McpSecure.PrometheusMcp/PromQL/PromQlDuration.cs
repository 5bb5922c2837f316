using System.Text.RegularExpressions;

namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>PromQL durations (<c>1y2w3d4h5m6s7ms</c>, units in that order, each at most once) in milliseconds, read and printed as Prometheus does.</summary>
internal static partial class PromQlDuration
{
    private static readonly (string Unit, long Milliseconds, bool OnlyWhole)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000, true), ("w", 7L * 24 * 3600 * 1000, true), ("d", 24L * 3600 * 1000, false),
        ("h", 3600L * 1000, false), ("m", 60L * 1000, false), ("s", 1000, false), ("ms", 1, false),
    ];

    [GeneratedRegex("^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out long milliseconds)
    {
        milliseconds = 0;
        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }
        try
        {
            for (var i = 0; i < Units.Length; i++)
            {
                if (match.Groups[i + 1].Success)
                {
                    milliseconds = checked(milliseconds + checked(long.Parse(match.Groups[i + 1].Value, CultureInfo.InvariantCulture) * Units[i].Milliseconds));
                }
            }
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    public static string Format(long milliseconds)
    {
        if (milliseconds == 0)
        {
            return "0s";
        }
        var text = new StringBuilder();
        var rest = milliseconds;
        foreach (var (unit, size, onlyWhole) in Units)
        {
            if (onlyWhole && rest % size != 0)
            {
                continue;
            }
            var count = rest / size;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= count * size;
            }
        }
        return text.ToString();
    }
}
