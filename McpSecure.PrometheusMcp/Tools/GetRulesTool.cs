namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_rules</c>: the alerting and recording rules by group.</summary>
[McpServerToolType]
internal sealed class GetRulesTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
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
        var response = await PrometheusCall.RunAsync(() => Client.RulesAsync(type, cancellationToken));
        var groups = new List<RuleGroup>();
        var text = new StringBuilder();
        var total = 0;
        foreach (var group in response.Data.GetProperty("groups").EnumerateArray())
        {
            var rules = group.GetProperty("rules").EnumerateArray().Select(Rule)
                .Where(r => ToolArguments.MatchesFilter(r.Name, filter_pattern)).ToList();
            if (rules.Count == 0)
            {
                continue;
            }
            total += rules.Count;
            var name = PromText.Property(group, "name");
            var file = PromText.Property(group, "file");
            var interval = group.TryGetProperty("interval", out var i) ? i.GetDouble() : 0;
            groups.Add(new RuleGroup(name, file, interval, rules));
            text.Append(CultureInfo.InvariantCulture, $"group {name} (every {TimeFormatter.FormatDuration(TimeSpan.FromSeconds(interval))}, {file}):\n");
            var table = TextTable.Create("type", "name", "health", "state", "for", "query", "labels", "error");
            foreach (var r in rules)
            {
                table.Add(r.Type, r.Name, r.Health, r.State, r.ForSeconds is { } f ? TimeFormatter.FormatDuration(TimeSpan.FromSeconds(f)) : null,
                    r.Query, r.Labels.Count == 0 ? null : PromText.Series(r.Labels), r.LastError);
            }
            text.Append(table);
        }
        text.Insert(0, $"{total} rules in {groups.Count} groups:\n");
        return Result(new ToolOutput<RulesResult>(text.ToString(), new(total, groups)));
    }

    private static Rule Rule(JsonElement r)
    {
        var type = PromText.Property(r, "type") == "alerting" ? "alert" : "record";
        return new(type, PromText.Property(r, "name"), PromText.Property(r, "query"), PromText.Property(r, "health"),
            r.TryGetProperty("state", out var s) ? s.GetString() : null,
            r.TryGetProperty("duration", out var d) ? d.GetDouble() : null,
            r.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object ? PromText.Labels(l) : new Dictionary<string, string>(),
            r.TryGetProperty("alerts", out var alerts) && alerts.ValueKind == JsonValueKind.Array ? alerts.GetArrayLength() : null,
            r.TryGetProperty("lastError", out var e) && e.GetString() is { Length: > 0 } error ? error : null);
    }
}
