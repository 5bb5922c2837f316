using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpSecure.PrometheusMcp;

/// <summary>
/// Turns Prometheus query results into compact text for a model's context: one line per series,
/// <c>metric{label="value",…} value</c>, with the evaluation time once rather than per sample.
/// </summary>
public static class QueryResultFormatter
{
    public static string FormatInstant(string query, PrometheusApiResponse response)
    {
        var data = response.Data;
        var resultType = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        var text = new StringBuilder();

        switch (resultType)
        {
            case "vector":
                var count = result.GetArrayLength();
                text.Append(CultureInfo.InvariantCulture, $"{count} series for `{query}`");
                if (count > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" at {FormatTime(result[0].GetProperty("value")[0])}");
                }
                text.AppendLine(":");
                foreach (var sample in result.EnumerateArray())
                {
                    text.Append(FormatMetric(sample.GetProperty("metric")))
                        .Append(' ')
                        .AppendLine(sample.GetProperty("value")[1].GetString());
                }
                break;
            case "scalar" or "string":
                text.Append(CultureInfo.InvariantCulture, $"{resultType} for `{query}` at {FormatTime(result[0])}: {result[1].GetString()}").AppendLine();
                break;
            default:
                // A matrix from an instant query (a range selector such as up[5m]).
                text.Append(CultureInfo.InvariantCulture, $"{result.GetArrayLength()} series (range vector) for `{query}`:").AppendLine();
                foreach (var series in result.EnumerateArray())
                {
                    text.Append(FormatMetric(series.GetProperty("metric"))).Append(':');
                    foreach (var point in series.GetProperty("values").EnumerateArray())
                    {
                        text.Append(' ').Append(point[1].GetString()).Append('@').Append(FormatTime(point[0]));
                    }
                    text.AppendLine();
                }
                break;
        }

        foreach (var warning in response.Warnings ?? [])
        {
            text.Append("warning: ").AppendLine(warning);
        }
        return text.ToString();
    }

    public static string FormatMetric(JsonElement metric)
    {
        var name = metric.TryGetProperty("__name__", out var n) ? n.GetString() : "";
        var labels = metric.EnumerateObject()
            .Where(p => p.Name != "__name__")
            .Select(p => $"{p.Name}=\"{p.Value.GetString()}\"");
        return $"{name}{{{string.Join(',', labels)}}}";
    }

    private static string FormatTime(JsonElement unixSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(unixSeconds.GetDouble() * 1000))
            .ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
