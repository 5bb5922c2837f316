using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp;

/// <summary>Tools about what Prometheus watches and how it is doing: targets, alerts, rules, build info, health.</summary>
[McpServerToolType]
public sealed class StatusTools(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
{
    private readonly PrometheusOptions _options = options.Value;

    [McpServerTool(Name = "get_targets", Title = "List scrape targets and their health", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TargetsResult))]
    [Description("Lists the targets Prometheus scrapes with their health (up/down/unknown), last scrape time and duration, and the last " +
                 "scrape error. Use it to find out why a job is missing data or `up` is 0.")]
    public async Task<CallToolResult> GetTargets(
        [Description("`active` (default), `dropped` (discarded by relabelling) or `any`.")] string state = "active",
        [Description("Only this scrape pool (usually the job name), e.g. `api`. Optional.")] string? scrape_pool = null,
        [Description("Only targets with this health: `up`, `down` or `unknown`. Optional.")] string? health = null,
        [Description("Page size (default 100, at most 10000).")] int limit = CatalogTools.DefaultPageSize,
        [Description("Targets to skip (for the next page).")] int offset = 0,
        CancellationToken cancellationToken = default)
    {
        if (state is not ("active" or "dropped" or "any"))
        {
            throw new McpException($"`state` = '{state}' is not one of active, dropped, any.");
        }
        if (health is not (null or "up" or "down" or "unknown"))
        {
            throw new McpException($"`health` = '{health}' is not one of up, down, unknown.");
        }
        PrometheusCall.CheckPage(limit, offset, CatalogTools.MaxPageSize);
        var response = await PrometheusCall.RunAsync(() => prometheus.TargetsAsync(state, cancellationToken));

        var all = new List<ScrapeTarget>();
        foreach (var (property, dropped) in new[] { ("activeTargets", false), ("droppedTargets", true) })
        {
            if (!response.Data.TryGetProperty(property, out var targets))
            {
                continue;
            }
            foreach (var target in targets.EnumerateArray())
            {
                all.Add(dropped ? Dropped(target) : Active(target));
            }
        }
        all = all.Where(t => (scrape_pool is null || t.ScrapePool == scrape_pool) && (health is null || t.Health == health))
            .OrderBy(t => t.ScrapePool, StringComparer.Ordinal).ThenBy(t => t.ScrapeUrl, StringComparer.Ordinal).ToList();

        var page = all.Skip(offset).Take(limit).ToList();
        var truncated = PrometheusCall.PageNote("targets", offset, page.Count, all.Count);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{all.Count} {state} targets{(scrape_pool is null ? "" : $" in pool {scrape_pool}")}{(health is null ? "" : $" with health {health}")}:\n");
        var table = TextTable.Create("pool", "health", "url", "last_scrape", "duration_s", "error", "labels");
        foreach (var t in page)
        {
            table.Add(t.ScrapePool, t.Health, t.ScrapeUrl, t.LastScrape, t.LastScrapeDurationSeconds?.ToString(CultureInfo.InvariantCulture), t.LastError, PromText.Series(t.Labels));
        }
        text.Append(table);
        if (truncated is not null)
        {
            text.AppendLine(truncated);
        }
        return new ToolOutput<TargetsResult>(text.ToString(), new(all.Count, offset, page, truncated)).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = "get_alerts", Title = "List active alerts", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(AlertsResult))]
    [Description("Lists the alerts that are pending or firing now, with labels, annotations (summary, description), since when and the value. " +
                 "Use it first when asked what is wrong.")]
    public async Task<CallToolResult> GetAlerts(
        [Description("Only alerts in this state: `firing` or `pending`. Optional.")] string? state = null,
        CancellationToken cancellationToken = default)
    {
        if (state is not (null or "firing" or "pending"))
        {
            throw new McpException($"`state` = '{state}' is not one of firing, pending.");
        }
        var response = await PrometheusCall.RunAsync(() => prometheus.AlertsAsync(cancellationToken));
        var alerts = response.Data.GetProperty("alerts").EnumerateArray().Select(Alert)
            .Where(a => state is null || a.State == state)
            .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => PromText.Series(a.Labels), StringComparer.Ordinal).ToList();

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{alerts.Count} {state ?? "active"} alerts:\n");
        if (alerts.Count > 0)
        {
            var table = TextTable.Create("alert", "state", "active_at", "value", "labels", "annotations");
            foreach (var a in alerts)
            {
                table.Add(a.Name, a.State, a.ActiveAt, a.Value, PromText.Series(a.Labels),
                    string.Join("; ", a.Annotations.Select(x => $"{x.Key}: {x.Value}")));
            }
            text.Append(table);
        }
        return new ToolOutput<AlertsResult>(text.ToString(), new(alerts.Count, alerts)).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = "get_rules", Title = "List alerting and recording rules", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RulesResult))]
    [Description("Lists the alerting and recording rules by group with their PromQL, health, last error and (alerts) state. " +
                 "Use it to see what is monitored and which recorded series exist.")]
    public async Task<CallToolResult> GetRules(
        [Description("`alert` or `record` for one kind only. Optional.")] string? type = null,
        [Description("Case-insensitive substring of the rule name. Optional.")] string? filter_pattern = null,
        CancellationToken cancellationToken = default)
    {
        if (type is not (null or "alert" or "record"))
        {
            throw new McpException($"`type` = '{type}' is not one of alert, record.");
        }
        var response = await PrometheusCall.RunAsync(() => prometheus.RulesAsync(type, cancellationToken));
        var groups = new List<RuleGroup>();
        var text = new StringBuilder();
        var total = 0;
        foreach (var group in response.Data.GetProperty("groups").EnumerateArray())
        {
            var rules = group.GetProperty("rules").EnumerateArray().Select(Rule)
                .Where(r => string.IsNullOrEmpty(filter_pattern) || r.Name.Contains(filter_pattern, StringComparison.OrdinalIgnoreCase)).ToList();
            if (rules.Count == 0)
            {
                continue;
            }
            total += rules.Count;
            var name = Str(group, "name");
            var interval = group.TryGetProperty("interval", out var i) ? i.GetDouble() : 0;
            groups.Add(new RuleGroup(name, Str(group, "file"), interval, rules));
            text.Append(CultureInfo.InvariantCulture, $"group {name} (every {TimeParser.FormatDuration(TimeSpan.FromSeconds(interval))}, {Str(group, "file")}):\n");
            var table = TextTable.Create("type", "name", "health", "state", "for", "query", "labels", "error");
            foreach (var r in rules)
            {
                table.Add(r.Type, r.Name, r.Health, r.State, r.ForSeconds is { } f ? TimeParser.FormatDuration(TimeSpan.FromSeconds(f)) : null,
                    r.Query, r.Labels.Count == 0 ? null : PromText.Series(r.Labels), r.LastError);
            }
            text.Append(table);
        }
        text.Insert(0, $"{total} rules in {groups.Count} groups:\n");
        return new ToolOutput<RulesResult>(text.ToString(), new(total, groups)).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = "get_build_info", Title = "Prometheus version and runtime", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BuildInfoResult))]
    [Description("Returns the Prometheus version, revision and Go version, and runtime facts: start time, storage retention, " +
                 "number of goroutines, whether the config reloaded successfully. Use it to know which PromQL features exist.")]
    public async Task<CallToolResult> GetBuildInfo(CancellationToken cancellationToken = default)
    {
        var build = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("buildinfo", cancellationToken));
        var runtime = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("runtimeinfo", cancellationToken));
        var buildInfo = Flatten(build.Data);
        var runtimeInfo = Flatten(runtime.Data);
        var text = new StringBuilder("build:\n");
        foreach (var (key, value) in buildInfo)
        {
            text.Append(key).Append('\t').AppendLine(value);
        }
        text.Append("runtime:\n");
        foreach (var (key, value) in runtimeInfo)
        {
            text.Append(key).Append('\t').AppendLine(value);
        }
        return new ToolOutput<BuildInfoResult>(text.ToString(), new(buildInfo, runtimeInfo)).ToResult(_options.MaxOutputCharacters);
    }

    [McpServerTool(Name = "health_check", Title = "Check that Prometheus is reachable and ready", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(HealthResult))]
    [Description("Reports whether the Prometheus server behind this MCP server is reachable and ready to serve queries.")]
    public async Task<CallToolResult> HealthCheck(CancellationToken cancellationToken = default)
    {
        var (ready, detail) = await PrometheusCall.RunAsync(() => prometheus.CheckReadyAsync(cancellationToken));
        if (!ready)
        {
            throw new McpException($"Prometheus is not ready: {detail}");
        }
        return new ToolOutput<HealthResult>($"Prometheus is ready: {detail}\n", new(true, detail)).ToResult(_options.MaxOutputCharacters);
    }

    /// <summary>A flat JSON object's properties as text, in Prometheus's order.</summary>
    public static Dictionary<string, string> Flatten(JsonElement data) =>
        data.EnumerateObject().ToDictionary(p => p.Name, p => PromText.Scalar(p.Value));

    private static ScrapeTarget Active(JsonElement t) => new(
        Str(t, "scrapePool"), Str(t, "health"), Str(t, "scrapeUrl"), PromText.Labels(t.GetProperty("labels")),
        t.TryGetProperty("lastScrape", out var last) ? TimeParser.FormatTime(DateTimeOffset.Parse(last.GetString()!, CultureInfo.InvariantCulture)) : null,
        t.TryGetProperty("lastScrapeDuration", out var d) ? Math.Round(d.GetDouble(), 6) : null,
        t.TryGetProperty("lastError", out var e) && e.GetString() is { Length: > 0 } error ? error : null);

    private static ScrapeTarget Dropped(JsonElement t)
    {
        var labels = PromText.Labels(t.GetProperty("discoveredLabels"));
        return new(labels.GetValueOrDefault("job", ""), "dropped", labels.GetValueOrDefault("__address__", ""), labels, null, null, null);
    }

    private static ActiveAlert Alert(JsonElement a)
    {
        var labels = PromText.Labels(a.GetProperty("labels"));
        return new(labels.GetValueOrDefault("alertname", ""), Str(a, "state"), labels,
            a.TryGetProperty("annotations", out var ann) ? PromText.Labels(ann) : new Dictionary<string, string>(),
            a.TryGetProperty("activeAt", out var at) ? TimeParser.FormatTime(DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture)) : null,
            a.TryGetProperty("value", out var v) ? v.GetString() : null);
    }

    private static Rule Rule(JsonElement r)
    {
        var type = Str(r, "type") == "alerting" ? "alert" : "record";
        return new(type, Str(r, "name"), Str(r, "query"), Str(r, "health"),
            r.TryGetProperty("state", out var s) ? s.GetString() : null,
            r.TryGetProperty("duration", out var d) ? d.GetDouble() : null,
            r.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object ? PromText.Labels(l) : new Dictionary<string, string>(),
            r.TryGetProperty("alerts", out var alerts) && alerts.ValueKind == JsonValueKind.Array ? alerts.GetArrayLength() : null,
            r.TryGetProperty("lastError", out var e) && e.GetString() is { Length: > 0 } error ? error : null);
    }

    private static string Str(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? PromText.Scalar(value) : "";
}
