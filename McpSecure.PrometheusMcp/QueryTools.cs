using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp;

/// <summary>The PromQL tools: instant query, range query and the histogram-quantile helper.</summary>
[McpServerToolType]
public sealed class QueryTools(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
{
    /// <summary>Points an automatic step aims at: enough for a shape, few enough for a model's context.</summary>
    public const int AutoStepTargetPoints = 120;

    /// <summary>Series returned when the caller does not say; up to Prometheus:MaxSeries on request.</summary>
    public const int DefaultSeriesLimit = 100;

    private static readonly int[] NiceStepsSeconds =
        [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

    private readonly PrometheusOptions _options = options.Value;

    [McpServerTool(Name = "execute_query", Title = "Run an instant PromQL query", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(InstantQueryResult))]
    [Description("Evaluates a PromQL expression at one instant (now by default) and returns one line per series: " +
                 "metric{labels} value. Use it for current values and for aggregations, e.g. `up`, " +
                 "`sum by (job) (rate(http_server_request_duration_seconds_count[5m]))`. For values over time use execute_range_query.")]
    public async Task<CallToolResult> ExecuteQuery(
        [Description("The PromQL expression, e.g. `up` or `sum by (job) (up)`.")] string query,
        [Description("Evaluation time: " + TimeParser.TimeFormats + ". Omit for now.")] string? time = null,
        [Description("Most series to return (default 100, at most 1000). Prefer aggregating over raising this.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var expression = RequireQuery(query);
        var at = time is null ? clock.GetUtcNow() : TimeParser.Parse(time, nameof(time), clock.GetUtcNow());
        var max = CheckLimit(limit);
        var response = await PrometheusCall.RunAsync(() => prometheus.QueryAsync(expression, at, cancellationToken), expression);
        return QueryResultFormatter.FormatInstant(expression, response, at, max).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = "execute_range_query", Title = "Run a PromQL query over a time range", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RangeQueryResult))]
    [Description("Evaluates a PromQL expression at regular steps between start and end (the last hour by default) and returns, " +
                 "per series, the values on that time grid. Use it for trends, spikes and comparisons over time. " +
                 "The step is chosen automatically (about 120 points) when omitted; at most 11,000 points per series.")]
    public async Task<CallToolResult> ExecuteRangeQuery(
        [Description("The PromQL expression, e.g. `rate(prometheus_http_requests_total[5m])`.")] string query,
        [Description("Start: " + TimeParser.TimeFormats + ". Default now-1h.")] string? start = null,
        [Description("End: same formats as start. Default now.")] string? end = null,
        [Description("Resolution as a duration (15s, 1m, 1h) or seconds. Omit to let the server choose about 120 points.")] string? step = null,
        [Description("Most series to return (default 100, at most 1000). Prefer aggregating over raising this.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var expression = RequireQuery(query);
        var now = clock.GetUtcNow();
        var to = end is null ? now : TimeParser.Parse(end, nameof(end), now);
        var from = start is null ? to - TimeSpan.FromHours(1) : TimeParser.Parse(start, nameof(start), now);
        if (from > to)
        {
            throw new McpException($"`start` ({TimeParser.FormatTime(from)}) is after `end` ({TimeParser.FormatTime(to)}): swap them.");
        }
        var resolution = step is null ? AutoStep(to - from) : TimeParser.ParseDuration(step, nameof(step));
        var points = (long)Math.Floor((to - from) / resolution) + 1;
        if (points > _options.MaxPointsPerSeries)
        {
            var minimumStep = TimeSpan.FromSeconds(Math.Ceiling((to - from).TotalSeconds / (_options.MaxPointsPerSeries - 1)));
            throw new McpException(string.Create(CultureInfo.InvariantCulture,
                $"The range {TimeParser.FormatTime(from)} to {TimeParser.FormatTime(to)} at step {TimeParser.FormatDuration(resolution)} would return {points} points per series; " +
                $"the limit is {_options.MaxPointsPerSeries}. Use a step of at least {TimeParser.FormatDuration(minimumStep)}, shorten the range, or omit `step` to let the server choose."));
        }
        var max = CheckLimit(limit);
        var response = await PrometheusCall.RunAsync(() => prometheus.QueryRangeAsync(expression, from, to, resolution, cancellationToken), expression);
        return QueryResultFormatter.FormatRange(expression, response, from, to, resolution, max).ToResult(_options.MaxOutputCharacters);
    }

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
        [Description("Evaluation time: " + TimeParser.TimeFormats + ". Omit for now.")] string? time = null,
        CancellationToken cancellationToken = default)
    {
        if (quantile is < 0 or > 1 || double.IsNaN(quantile))
        {
            throw new McpException($"`quantile` = {quantile.ToString(CultureInfo.InvariantCulture)} is out of range: use a number between 0 and 1, e.g. 0.95.");
        }
        var name = RequireQuery(metric);
        if (name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            name = name[..^"_bucket".Length];
        }
        if (!PromText.IsMetricName(name))
        {
            throw new McpException($"`metric` = '{metric}' is not a metric name: pass the histogram's base name, e.g. `http_server_request_duration_seconds`.");
        }
        var window = TimeParser.FormatDuration(TimeParser.ParseDuration(range ?? "5m", nameof(range)));
        var labels = (by ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var label in labels)
        {
            if (!PromText.IsLabelName(label))
            {
                throw new McpException($"`by` contains '{label}', which is not a label name.");
            }
        }
        var selector = string.IsNullOrWhiteSpace(filter) ? $"{name}_bucket" : $"{name}_bucket{{{filter.Trim().Trim('{', '}')}}}";
        var expression = string.Create(CultureInfo.InvariantCulture,
            $"histogram_quantile({quantile}, sum by ({string.Join(", ", labels.Prepend("le"))}) (rate({selector}[{window}])))");

        var at = time is null ? clock.GetUtcNow() : TimeParser.Parse(time, nameof(time), clock.GetUtcNow());
        var response = await PrometheusCall.RunAsync(() => prometheus.QueryAsync(expression, at, cancellationToken), expression);
        return QueryResultFormatter.FormatInstant(expression, response, at, _options.MaxSeries, echoQuery: true).ToResult(_options.MaxOutputCharacters);
    }

    /// <summary>The smallest "nice" step that keeps the range at or under <see cref="AutoStepTargetPoints"/> intervals.</summary>
    public static TimeSpan AutoStep(TimeSpan range)
    {
        var wanted = range.TotalSeconds / AutoStepTargetPoints;
        foreach (var seconds in NiceStepsSeconds)
        {
            if (seconds >= wanted)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return TimeSpan.FromSeconds(Math.Ceiling(wanted / 86400) * 86400);
    }

    private static string RequireQuery(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? throw new McpException("`query` is empty: pass a PromQL expression such as `up`.")
            : query.Trim();

    private int CheckLimit(int? limit)
    {
        var value = limit ?? Math.Min(DefaultSeriesLimit, _options.MaxSeries);
        PrometheusCall.CheckPage(value, 0, _options.MaxSeries);
        return value;
    }
}
