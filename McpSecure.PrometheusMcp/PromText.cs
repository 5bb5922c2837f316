using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpSecure.PrometheusMcp;

/// <summary>Small helpers that write Prometheus data the way PromQL users read it.</summary>
public static partial class PromText
{
    public static bool IsMetricName(string name) => MetricName().IsMatch(name);

    public static bool IsLabelName(string name) => LabelName().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial System.Text.RegularExpressions.Regex MetricName();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex LabelName();

    /// <summary>Labels of a series as a dictionary, in Prometheus's order (the name first).</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonElement metric)
    {
        var labels = new Dictionary<string, string>();
        foreach (var label in metric.EnumerateObject())
        {
            labels[label.Name] = label.Value.GetString() ?? "";
        }
        return labels;
    }

    /// <summary><c>name{label="value",…}</c>, values escaped as in PromQL.</summary>
    public static string Series(IReadOnlyDictionary<string, string> labels)
    {
        var text = new StringBuilder();
        if (labels.TryGetValue("__name__", out var name))
        {
            text.Append(name);
        }
        text.Append('{');
        var first = true;
        foreach (var (key, value) in labels)
        {
            if (key == "__name__")
            {
                continue;
            }
            if (!first)
            {
                text.Append(',');
            }
            first = false;
            text.Append(key).Append("=\"").Append(Escape(value)).Append('"');
        }
        return text.Append('}').ToString();
    }

    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A Prometheus timestamp (Unix seconds with milliseconds) as RFC 3339.</summary>
    public static string Time(JsonElement unixSeconds) => TimeParser.FormatTime(FromUnix(unixSeconds.GetDouble()));

    public static DateTimeOffset FromUnix(double unixSeconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixSeconds * 1000));

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A JSON scalar (string, number, bool) as text; objects and arrays as compact JSON.</summary>
    public static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
