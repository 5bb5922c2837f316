using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp;

/// <summary>Tools that explore what Prometheus stores: metric names, metadata, label names and values, series.</summary>
[McpServerToolType]
public sealed class CatalogTools(PrometheusClient prometheus, IOptions<PrometheusOptions> options, TimeProvider clock)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 10_000;

    private const string MatchDescription = "Series selectors that restrict the result, e.g. [\"up\", \"{job=\\\"api\\\"}\"]. Optional.";
    private const string StartDescription = "Only data after this time: " + TimeParser.TimeFormats + ". Optional.";
    private const string EndDescription = "Only data before this time (same formats). Optional.";

    private readonly PrometheusOptions _options = options.Value;

    [McpServerTool(Name = "list_metrics", Title = "List metric names", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NamesPage))]
    [Description("Lists the metric names Prometheus has, sorted, optionally filtered by a case-insensitive substring, a page at a time. " +
                 "Start here to discover what can be queried.")]
    public async Task<CallToolResult> ListMetrics(
        [Description("Case-insensitive substring the name must contain, e.g. `http` or `_seconds`. Optional.")] string? filter_pattern = null,
        [Description("Page size (default 100, at most 10000).")] int limit = DefaultPageSize,
        [Description("Names to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        PrometheusCall.CheckPage(limit, offset, MaxPageSize);
        var response = await PrometheusCall.RunAsync(() => prometheus.LabelValuesAsync("__name__", [], null, null, cancellationToken));
        var names = Strings(response).Where(n => Matches(n, filter_pattern)).ToList();
        var what = filter_pattern is null ? "metric names" : $"metric names containing '{filter_pattern}'";
        return Page(what, names, limit, offset);
    }

    [McpServerTool(Name = "get_metric_metadata", Title = "Get metric type, unit and help", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MetricMetadataResult))]
    [Description("Returns what scraped targets say about metrics: type (counter, gauge, histogram, summary), unit and help text. " +
                 "Give `metric` for one metric, or `filter_pattern` to search names. Tells you whether to use rate() (counters) or not (gauges).")]
    public async Task<CallToolResult> GetMetricMetadata(
        [Description("Exact metric name, e.g. `prometheus_http_requests_total`. Optional.")] string? metric = null,
        [Description("Case-insensitive substring of metric names. Optional.")] string? filter_pattern = null,
        [Description("Page size (default 100, at most 10000).")] int limit = DefaultPageSize,
        [Description("Entries to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        PrometheusCall.CheckPage(limit, offset, MaxPageSize);
        var response = await PrometheusCall.RunAsync(() => prometheus.MetadataAsync(string.IsNullOrWhiteSpace(metric) ? null : metric.Trim(), cancellationToken));
        var all = new List<MetricMetadata>();
        foreach (var entry in response.Data.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (!Matches(entry.Name, filter_pattern))
            {
                continue;
            }
            // Targets may disagree about a metric; each distinct description is one entry.
            foreach (var description in entry.Value.EnumerateArray())
            {
                all.Add(new MetricMetadata(entry.Name, Text(description, "type"), Text(description, "unit"), Text(description, "help")));
            }
        }
        var page = all.Skip(offset).Take(limit).ToList();
        var truncated = PrometheusCall.PageNote("entries", offset, page.Count, all.Count);
        var text = new StringBuilder($"{all.Count} metadata entries{(metric is null ? "" : $" for {metric}")}:\n");
        var table = TextTable.Create("metric", "type", "unit", "help");
        foreach (var m in page)
        {
            table.Add(m.Metric, m.Type, m.Unit, m.Help);
        }
        text.Append(table);
        if (all.Count == 0)
        {
            text.Append(metric is null ? "" : $"No metadata for {metric}: it may not exist, or come only from recording rules or backfilled data. Try list_metrics.\n");
        }
        AppendNote(text, truncated);
        return new ToolOutput<MetricMetadataResult>(text.ToString(), new(all.Count, offset, page, truncated)).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = "get_label_names", Title = "List label names", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NamesPage))]
    [Description("Lists label names (job, instance, code…), optionally only those of the series matching selectors and a time range. " +
                 "Use it to learn how series can be filtered or grouped.")]
    public async Task<CallToolResult> GetLabelNames(
        [Description(MatchDescription)] string[]? match = null,
        [Description(StartDescription)] string? start = null,
        [Description(EndDescription)] string? end = null,
        [Description("Page size (default 100, at most 10000).")] int limit = DefaultPageSize,
        [Description("Names to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        PrometheusCall.CheckPage(limit, offset, MaxPageSize);
        var (from, to) = Range(start, end);
        var response = await PrometheusCall.RunAsync(() => prometheus.LabelNamesAsync(match ?? [], from, to, cancellationToken), Joined(match));
        return Page("label names", Strings(response).ToList(), limit, offset);
    }

    [McpServerTool(Name = "get_label_values", Title = "List the values of a label", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NamesPage))]
    [Description("Lists the values a label takes (e.g. every `job`, or every `code` of one metric with match=[\"http_requests_total\"]), " +
                 "optionally filtered by a substring. Use `__name__` as the label to list metric names of matching series.")]
    public async Task<CallToolResult> GetLabelValues(
        [Description("The label name, e.g. `job`, `instance`, `code`.")] string label,
        [Description(MatchDescription)] string[]? match = null,
        [Description("Case-insensitive substring the value must contain. Optional.")] string? filter_pattern = null,
        [Description(StartDescription)] string? start = null,
        [Description(EndDescription)] string? end = null,
        [Description("Page size (default 100, at most 10000).")] int limit = DefaultPageSize,
        [Description("Values to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(label) || !PromText.IsLabelName(label.Trim()))
        {
            throw new McpException($"`label` = '{label}' is not a label name: use e.g. `job` or `instance` (get_label_names lists them).");
        }
        PrometheusCall.CheckPage(limit, offset, MaxPageSize);
        var (from, to) = Range(start, end);
        var response = await PrometheusCall.RunAsync(() => prometheus.LabelValuesAsync(label.Trim(), match ?? [], from, to, cancellationToken), Joined(match));
        var values = Strings(response).Where(v => Matches(v, filter_pattern)).ToList();
        return Page($"values of {label.Trim()}", values, limit, offset);
    }

    [McpServerTool(Name = "find_series", Title = "Find series by selector", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SeriesResult))]
    [Description("Lists the series (full label sets) that match one or more selectors, without their values, " +
                 "e.g. match=[\"up{job=\\\"api\\\"}\"]. Use it to see which label combinations exist before querying.")]
    public async Task<CallToolResult> FindSeries(
        [Description("One or more series selectors, e.g. [\"up\"] or [\"{__name__=~\\\"http_.*\\\", job=\\\"api\\\"}\"]. Required.")] string[] match,
        [Description(StartDescription)] string? start = null,
        [Description(EndDescription)] string? end = null,
        [Description("Most series to return (default 100, at most 10000).")] int limit = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        if (match is null || match.Length == 0 || match.Any(string.IsNullOrWhiteSpace))
        {
            throw new McpException("`match` needs at least one series selector, e.g. [\"up\"] or [\"{job=\\\"api\\\"}\"].");
        }
        PrometheusCall.CheckPage(limit, 0, MaxPageSize);
        var (from, to) = Range(start, end);
        var response = await PrometheusCall.RunAsync(() => prometheus.SeriesAsync(match, from, to, cancellationToken), Joined(match));
        var all = response.Data.EnumerateArray().Select(PromText.Labels).ToList();
        var page = all.Take(limit).ToList();
        var truncated = page.Count < all.Count
            ? $"[truncated: showing the first {page.Count} of {all.Count} series; narrow the selector or raise `limit`]"
            : null;
        var text = new StringBuilder($"{all.Count} series match {Joined(match)}:\n");
        foreach (var series in page)
        {
            text.AppendLine(PromText.Series(series));
        }
        AppendNote(text, truncated);
        return new ToolOutput<SeriesResult>(text.ToString(), new(all.Count, page, truncated)).ToResult(_options.MaxOutputCharacters);
    }

    private CallToolResult Page(string what, List<string> all, int limit, int offset)
    {
        var page = all.Skip(offset).Take(limit).ToList();
        var truncated = PrometheusCall.PageNote(what, offset, page.Count, all.Count);
        var text = new StringBuilder($"{all.Count} {what}");
        text.Append(offset > 0 ? $" (from #{offset + 1}):\n" : ":\n");
        foreach (var item in page)
        {
            text.AppendLine(item);
        }
        AppendNote(text, truncated);
        return new ToolOutput<NamesPage>(text.ToString(), new(what, all.Count, offset, page, truncated)).ToResult(_options.MaxOutputCharacters);
    }

    private (DateTimeOffset? From, DateTimeOffset? To) Range(string? start, string? end)
    {
        var now = clock.GetUtcNow();
        return (start is null ? null : TimeParser.Parse(start, nameof(start), now), end is null ? null : TimeParser.Parse(end, nameof(end), now));
    }

    private static IEnumerable<string> Strings(PrometheusApiResponse response) =>
        response.Data.EnumerateArray().Select(v => v.GetString() ?? "");

    private static bool Matches(string value, string? filter) =>
        string.IsNullOrEmpty(filter) || value.Contains(filter, StringComparison.OrdinalIgnoreCase);

    private static string Text(System.Text.Json.JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() ?? "" : "";

    private static string? Joined(string[]? match) => match is null || match.Length == 0 ? null : string.Join(", ", match);

    private static void AppendNote(StringBuilder text, string? note)
    {
        if (note is not null)
        {
            text.AppendLine(note);
        }
    }
}
