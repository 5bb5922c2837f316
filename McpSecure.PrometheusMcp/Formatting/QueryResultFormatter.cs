namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>
/// Turns Prometheus query results into compact text for a model's context and into the structured results.
/// Instant vectors: one line per series, <c>metric{labels} value</c>, the evaluation time once.
/// Range results: the time grid once (start, step), then one line of values per series, runs written <c>value*count</c>.
/// </summary>
internal static class QueryResultFormatter
{
    public static ToolOutput<InstantQueryResult> FormatInstant(string query, PrometheusApiResponse response, DateTimeOffset requestedTime, int limit, bool echoQuery = false)
    {
        var data = response.Data;
        var resultType = data.GetProperty("resultType").GetString() ?? "";
        var result = data.GetProperty("result");
        var text = new StringBuilder();
        var warnings = response.Warnings;
        // The caller knows the query it sent; echo it only when the server built it (histogram_quantile).
        var about = echoQuery ? $" for `{query}`" : "";

        if (resultType is "scalar" or "string")
        {
            var at = PromText.Time(result[0]);
            var value = result[1].GetString() ?? "";
            text.Append(CultureInfo.InvariantCulture, $"{resultType}{about} at {at}: {value}").AppendLine();
            AppendWarnings(text, warnings);
            return new(text.ToString(), new InstantQueryResult(query, resultType, at, 0, [], value, null, warnings));
        }

        var total = result.GetArrayLength();
        var shown = Math.Min(total, limit);
        var time = TimeFormatter.FormatTime(requestedTime);
        var series = new List<InstantSeries>(shown);
        if (resultType == "vector")
        {
            if (total > 0)
            {
                time = PromText.Time(result[0].GetProperty("value")[0]);
            }
            text.Append(CultureInfo.InvariantCulture, $"{total} series{about} at {time}:").AppendLine();
            foreach (var sample in result.EnumerateArray().Take(shown))
            {
                var labels = PromText.Labels(sample.GetProperty("metric"));
                var value = sample.GetProperty("value")[1].GetString() ?? "";
                series.Add(new InstantSeries(labels, value));
                text.Append(PromText.Series(labels)).Append(' ').AppendLine(value);
            }
        }
        else
        {
            // A range vector from an instant query (a selector such as up[5m]): every sample with its own time.
            text.Append(CultureInfo.InvariantCulture, $"{total} series (range vector, value@unix seconds){about} at {time}:").AppendLine();
            foreach (var item in result.EnumerateArray().Take(shown))
            {
                var labels = PromText.Labels(item.GetProperty("metric"));
                var samples = item.GetProperty("values").EnumerateArray()
                    .Select(p => $"{p[1].GetString()}@{p[0].GetRawText()}").ToList();
                series.Add(new InstantSeries(labels, null, samples));
                text.Append(PromText.Series(labels)).Append(": ").AppendLine(string.Join(' ', samples));
            }
        }

        var truncated = TruncationNote(shown, total);
        text.AppendNote(truncated);
        AppendWarnings(text, warnings);
        return new(text.ToString(), new InstantQueryResult(query, resultType, time, total, series, null, truncated, warnings));
    }

    public static ToolOutput<RangeQueryResult> FormatRange(string query, PrometheusApiResponse response, RangeQueryWindow window, int limit)
    {
        var result = response.Data.GetProperty("result");
        var startUnix = window.From.ToUnixTimeMilliseconds() / 1000.0;
        var stepSeconds = window.Step.TotalSeconds;
        var points = (int)window.Points;
        var total = result.GetArrayLength();
        var shown = Math.Min(total, limit);
        var startText = TimeFormatter.FormatTime(window.From);
        var endText = TimeFormatter.FormatTime(PromText.FromUnix(startUnix + (points - 1) * stepSeconds));
        var stepText = TimeFormatter.FormatDuration(window.Step);

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{total} series, {points} points each from {startText} to {endText} every {stepText}")
            .AppendLine(" (v*n = v repeated n times; _ = no sample):");
        var series = new List<RangeSeries>(shown);
        foreach (var item in result.EnumerateArray().Take(shown))
        {
            var labels = PromText.Labels(item.GetProperty("metric"));
            var values = new string?[points];
            foreach (var point in item.GetProperty("values").EnumerateArray())
            {
                var index = (int)Math.Round((point[0].GetDouble() - startUnix) / stepSeconds);
                if (index >= 0 && index < points)
                {
                    values[index] = point[1].GetString();
                }
            }
            series.Add(new RangeSeries(labels, values));
            text.Append(PromText.Series(labels)).Append(": ");
            AppendRuns(text, values);
            text.AppendLine();
        }

        var truncated = TruncationNote(shown, total);
        text.AppendNote(truncated);
        AppendWarnings(text, response.Warnings);
        return new(text.ToString(), new RangeQueryResult(query, startText, endText, stepText, startUnix, stepSeconds, points, total, series, truncated, response.Warnings));
    }

    /// <summary>Writes values separated by spaces, a run of three or more equal values as <c>value*count</c>.</summary>
    private static void AppendRuns(StringBuilder text, string?[] values)
    {
        for (var i = 0; i < values.Length;)
        {
            var run = 1;
            while (i + run < values.Length && values[i + run] == values[i])
            {
                run++;
            }
            if (i > 0)
            {
                text.Append(' ');
            }
            var value = values[i] ?? "_";
            if (run >= 3)
            {
                text.Append(value).Append('*').Append(run);
            }
            else
            {
                text.Append(value);
                for (var r = 1; r < run; r++)
                {
                    text.Append(' ').Append(value);
                }
            }
            i += run;
        }
    }

    private static string? TruncationNote(int shown, int total) => shown < total
        ? $"[truncated: showing the first {shown} of {total} series; narrow the query with label matchers or aggregate (sum by (job) (…)), or raise `limit`]"
        : null;

    private static void AppendWarnings(StringBuilder text, IReadOnlyList<string>? warnings)
    {
        foreach (var warning in warnings ?? [])
        {
            text.Append("warning: ").AppendLine(warning);
        }
    }
}
