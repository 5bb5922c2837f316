namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>histogram_quantile</c>: builds and runs the PromQL for a quantile of a classic histogram.</summary>
[McpServerToolType]
internal sealed class HistogramQuantileTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
    : PrometheusTool(prometheus, options)
{
    private const string BucketSuffix = "_bucket";

    [McpServerTool(Name = "histogram_quantile", Title = "Compute a quantile (p50, p95, p99) of a histogram", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(InstantQueryResult))]
    [Description("Computes a quantile (e.g. 0.95 for p95 latency) of a classic Prometheus histogram from the rate of its _bucket series, " +
                 "optionally per label (by), and returns the PromQL it ran. Pass the histogram's base name, e.g. " +
                 "`http_server_request_duration_seconds` (not the _bucket series).")]
    public async Task<CallToolResult> HistogramQuantile(
        [Description("Histogram base name, e.g. `http_server_request_duration_seconds`; `_bucket` is added.")] string metric,
        [Description("The quantile between 0 and 1, e.g. 0.5, 0.95, 0.99.")] double quantile,
        [Description("Rate window as a duration. Default 5m.")] string? range = null,
        [Description("Labels to keep, comma-separated, e.g. `job,route`. Default: one quantile over everything.")] string? by = null,
        [Description("Label matchers without braces, e.g. `job=\"api\",code=~\"2..\"`.")] string? filter = null,
        [Description(ArgumentDescriptions.EvaluationTime)] string? time = null,
        CancellationToken cancellationToken = default)
    {
        var expression = BuildExpression(metric, quantile, range, by, filter);
        var now = clock.GetUtcNow();
        var at = TimeParser.ParseOptional(time, nameof(time), now) ?? now;
        var response = await PrometheusCall.RunAsync(() => Client.QueryAsync(expression, at, cancellationToken), expression);
        return Result(QueryResultFormatter.FormatInstant(expression, response, at, Options.MaxSeries, echoQuery: true));
    }

    /// <summary><c>histogram_quantile(q, sum by (le, …) (rate(name_bucket{filter}[range])))</c>, after checking every argument.</summary>
    internal static string BuildExpression(string metric, double quantile, string? range, string? by, string? filter)
    {
        if (quantile is < 0 or > 1 || double.IsNaN(quantile))
        {
            throw new McpException($"`quantile` = {quantile.ToString(CultureInfo.InvariantCulture)} is out of range: use a number between 0 and 1, e.g. 0.95.");
        }
        var name = ToolArguments.RequireQuery(metric);
        if (name.EndsWith(BucketSuffix, StringComparison.Ordinal))
        {
            name = name[..^BucketSuffix.Length];
        }
        if (!PromText.IsMetricName(name))
        {
            throw new McpException($"`metric` = '{metric}' is not a metric name: pass the histogram's base name, e.g. `http_server_request_duration_seconds`.");
        }
        var window = TimeFormatter.FormatDuration(TimeParser.ParseDuration(range ?? "5m", nameof(range)));
        var labels = (by ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var label in labels)
        {
            if (!PromText.IsLabelName(label))
            {
                throw new McpException($"`by` contains '{label}', which is not a label name.");
            }
        }
        var selector = string.IsNullOrWhiteSpace(filter) ? $"{name}{BucketSuffix}" : $"{name}{BucketSuffix}{{{filter.Trim().Trim('{', '}')}}}";
        return string.Create(CultureInfo.InvariantCulture,
            $"histogram_quantile({quantile}, sum by ({string.Join(", ", labels.Prepend("le"))}) (rate({selector}[{window}])))");
    }
}
