using System.Text.RegularExpressions;

namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>Small helpers that write Prometheus data the way PromQL users read it.</summary>
internal static partial class PromText
{
    public static bool IsMetricName(string name) => MetricName().IsMatch(name);

    public static bool IsLabelName(string name) => LabelName().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

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
    public static string Time(JsonElement unixSeconds) => TimeFormatter.FormatTime(FromUnix(unixSeconds.GetDouble()));

    /// <summary>An RFC 3339 timestamp as Prometheus writes it (nanoseconds, any offset), rewritten in the tools' own format.</summary>
    public static string Rfc3339Time(JsonElement rfc3339) =>
        TimeFormatter.FormatTime(DateTimeOffset.Parse(rfc3339.GetString()!, CultureInfo.InvariantCulture));

    public static DateTimeOffset FromUnix(double unixSeconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(unixSeconds * 1000));

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A JSON scalar (string, number, bool) as text; objects and arrays as compact JSON.</summary>
    public static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    /// <summary>A property of a JSON object as text (see <see cref="Scalar"/>); empty when the object lacks it.</summary>
    public static string Property(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? Scalar(value) : "";

    /// <summary>The strings of a JSON array (label names, label values).</summary>
    public static IEnumerable<string> Strings(JsonElement array) =>
        array.EnumerateArray().Select(v => v.GetString() ?? "");

    /// <summary>A flat JSON object's properties as text, in Prometheus's order (build info, runtime info, flags, head stats).</summary>
    public static Dictionary<string, string> Flatten(JsonElement data) =>
        data.EnumerateObject().ToDictionary(p => p.Name, p => Scalar(p.Value));
}
