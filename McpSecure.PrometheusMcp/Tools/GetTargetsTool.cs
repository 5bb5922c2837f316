namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_targets</c>: the scrape targets with their health, last scrape and last error.</summary>
[McpServerToolType]
internal sealed class GetTargetsTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_targets", Title = "List scrape targets and their health", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TargetsResult))]
    [Description("Lists the targets Prometheus scrapes with their health (up/down/unknown), last scrape time and duration, and the last " +
                 "scrape error. Use it to find out why a job is missing data or `up` is 0.")]
    public async Task<CallToolResult> GetTargets(
        [Description("`active` (default), `dropped` (discarded by relabelling) or `any`.")] string state = "active",
        [Description("Only this scrape pool (usually the job name), e.g. `api`. Optional.")] string? scrape_pool = null,
        [Description("Only targets with this health: `up`, `down` or `unknown`. Optional.")] string? health = null,
        [Description(ArgumentDescriptions.PageSize)] int limit = Paging.DefaultPageSize,
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
        Paging.CheckArguments(limit, offset, Paging.MaxPageSize);
        var response = await PrometheusCall.RunAsync(() => Client.TargetsAsync(state, cancellationToken));

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

        var page = Paging.Take(all, limit, offset, "targets");
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{all.Count} {state} targets{(scrape_pool is null ? "" : $" in pool {scrape_pool}")}{(health is null ? "" : $" with health {health}")}:\n");
        var table = TextTable.Create("pool", "health", "url", "last_scrape", "duration_s", "error", "labels");
        foreach (var t in page.Items)
        {
            table.Add(t.ScrapePool, t.Health, t.ScrapeUrl, t.LastScrape, t.LastScrapeDurationSeconds?.ToString(CultureInfo.InvariantCulture), t.LastError, PromText.Series(t.Labels));
        }
        text.Append(table).AppendNote(page.Note);
        return Result(new ToolOutput<TargetsResult>(text.ToString(), new(all.Count, offset, page.Items, page.Note)));
    }

    private static ScrapeTarget Active(JsonElement t) => new(
        PromText.Property(t, "scrapePool"), PromText.Property(t, "health"), PromText.Property(t, "scrapeUrl"), PromText.Labels(t.GetProperty("labels")),
        t.TryGetProperty("lastScrape", out var last) ? PromText.Rfc3339Time(last) : null,
        t.TryGetProperty("lastScrapeDuration", out var d) ? Math.Round(d.GetDouble(), 6) : null,
        t.TryGetProperty("lastError", out var e) && e.GetString() is { Length: > 0 } error ? error : null);

    private static ScrapeTarget Dropped(JsonElement t)
    {
        var labels = PromText.Labels(t.GetProperty("discoveredLabels"));
        return new(labels.GetValueOrDefault("job", ""), "dropped", labels.GetValueOrDefault("__address__", ""), labels, null, null, null);
    }
}
