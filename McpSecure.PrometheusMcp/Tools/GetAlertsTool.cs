namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_alerts</c>: the alerts that are pending or firing now.</summary>
[McpServerToolType]
internal sealed class GetAlertsTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
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
        var response = await PrometheusCall.RunAsync(() => Client.AlertsAsync(cancellationToken));
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
        return Result(new ToolOutput<AlertsResult>(text.ToString(), new(alerts.Count, alerts)));
    }

    private static ActiveAlert Alert(JsonElement a)
    {
        var labels = PromText.Labels(a.GetProperty("labels"));
        return new(labels.GetValueOrDefault("alertname", ""), PromText.Property(a, "state"), labels,
            a.TryGetProperty("annotations", out var ann) ? PromText.Labels(ann) : new Dictionary<string, string>(),
            a.TryGetProperty("activeAt", out var at) ? PromText.Rfc3339Time(at) : null,
            a.TryGetProperty("value", out var v) ? v.GetString() : null);
    }
}
