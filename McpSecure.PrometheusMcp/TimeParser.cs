using System.Globalization;
using ModelContextProtocol;

namespace McpSecure.PrometheusMcp;

/// <summary>Parses the time arguments of the tools: RFC 3339 or Unix seconds.</summary>
public static class TimeParser
{
    public static DateTimeOffset Parse(string value, string argumentName)
    {
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(unixSeconds * 1000));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        throw new McpException($"`{argumentName}` = '{value}' is not a time: use RFC 3339 (2026-01-01T12:00:00Z) or Unix seconds.");
    }
}
