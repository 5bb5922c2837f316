using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// The exploration, status and admin tools. Backfilled series have exact expected values; facts Prometheus produces
/// itself (scraped metadata, flags, config, build) are compared with Prometheus's own API answer.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class CatalogAndStatusToolTests(EmbeddedAppFixture fixture)
{
    public static readonly string[] AllTools =
    [
        "execute_query", "execute_range_query", "histogram_quantile", "list_metrics", "get_metric_metadata", "get_label_names",
        "get_label_values", "find_series", "get_targets", "get_alerts", "get_rules", "get_build_info", "health_check",
        "get_tsdb_status", "get_config", "get_flags",
    ];

    [Fact]
    public async Task Every_tool_is_listed_read_only_with_a_description_and_an_output_schema()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var tools = await client.ListToolsAsync();

        // whoami belongs to the identity-forwarding feature (tested in McpSecure.Tests/Gateway).
        Assert.Equal(AllTools.Append("whoami").Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools.Select(t => t.ProtocolTool).Where(t => t.Name != "whoami"))
        {
            Assert.True(tool.Annotations?.ReadOnlyHint, $"{tool.Name} is not annotated read-only");
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{tool.Name} has no description");
            Assert.True(tool.OutputSchema is { ValueKind: JsonValueKind.Object }, $"{tool.Name} has no output schema");
        }
        Assert.All(tools.Where(t => t.Name is "get_tsdb_status" or "get_config" or "get_flags"), t => Assert.Contains("Admin tool.", t.Description));
    }

    [Fact]
    public async Task List_metrics_filters_sorts_and_pages()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var all = (await client.CallAsync("list_metrics", new { filter_pattern = "MCPFX_" })).Ok();
        Assert.Equal(
        [
            "7 metric names containing 'MCPFX_':", "mcpfx_many", "mcpfx_request_duration_seconds_bucket", "mcpfx_request_duration_seconds_count",
            "mcpfx_request_duration_seconds_sum", "mcpfx_requests_total", "mcpfx_special_value", "mcpfx_temperature_celsius",
        ], all.Lines);

        var page = (await client.CallAsync("list_metrics", new { filter_pattern = "mcpfx_", limit = 2, offset = 2 })).Ok();
        Assert.Equal(
        [
            "7 metric names containing 'mcpfx_' (from #3):", "mcpfx_request_duration_seconds_count", "mcpfx_request_duration_seconds_sum",
            "[truncated: showing metric names containing 'mcpfx_' 3–4 of 7; pass offset=4 for the next page, or filter]",
        ], page.Lines);
        Assert.Equal(7, page.Json.GetProperty("total").GetInt32());

        var bad = await client.CallAsync("list_metrics", new { limit = 0 });
        Assert.True(bad.IsError);
        Assert.Contains("`limit` = 0 is out of range: use 1 to 10000.", bad.Text);
    }

    [Fact]
    public async Task Metric_metadata_is_what_the_scraped_target_says()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);
        using var prometheus = fixture.App.CreateHttpClient("prometheus", "http");
        var raw = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/metadata?metric=prometheus_http_requests_total");
        var expected = raw.GetProperty("data").GetProperty("prometheus_http_requests_total")[0];

        var answer = (await client.CallAsync("get_metric_metadata", new { metric = "prometheus_http_requests_total" })).Ok();

        Assert.Equal("counter", expected.GetProperty("type").GetString());
        Assert.Equal(
            ["1 metadata entries for prometheus_http_requests_total:", "metric\ttype\tunit\thelp",
             $"prometheus_http_requests_total\tcounter\t{expected.GetProperty("unit").GetString()}\t{expected.GetProperty("help").GetString()}"],
            answer.Lines);

        var search = (await client.CallAsync("get_metric_metadata", new { filter_pattern = "prometheus_build_in" })).Ok();
        Assert.Equal("prometheus_build_info", Assert.Single(search.Json.GetProperty("metadata").EnumerateArray()).GetProperty("metric").GetString());
    }

    [Fact]
    public async Task Label_names_values_and_series_of_the_backfilled_data()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);
        var window = new { start = fixture.PrometheusData.Unix(0).ToString(), end = fixture.PrometheusData.Unix(180).ToString() };

        var names = (await client.CallAsync("get_label_names", new { match = new[] { "mcpfx_requests_total" }, window.start, window.end })).Ok();
        Assert.Equal(["4 label names:", "__name__", "code", "instance", "job"], names.Lines);

        var rooms = (await client.CallAsync("get_label_values", new { label = "room", match = new[] { "mcpfx_temperature_celsius" } })).Ok();
        Assert.Equal(["2 values of room:", "lab", "office"], rooms.Lines);

        var filtered = (await client.CallAsync("get_label_values", new { label = "i", filter_pattern = "14", limit = 3 })).Ok();
        Assert.Equal(
            ["12 values of i:", "014", "114", "140", "[truncated: showing values of i 1–3 of 12; pass offset=3 for the next page, or filter]"],
            filtered.Lines);

        var series = (await client.CallAsync("find_series", new { match = new[] { "mcpfx_requests_total{code=\"200\"}", "mcpfx_special_value" } })).Ok();
        Assert.Equal(
        [
            "4 series match mcpfx_requests_total{code=\"200\"}, mcpfx_special_value:",
            "mcpfx_requests_total{code=\"200\",instance=\"api-1:8080\",job=\"api\"}",
            "mcpfx_requests_total{code=\"200\",instance=\"api-2:8080\",job=\"api\"}",
            "mcpfx_special_value{kind=\"inf\"}",
            "mcpfx_special_value{kind=\"nan\"}",
        ], series.Lines);

        var badLabel = await client.CallAsync("get_label_values", new { label = "not a label" });
        Assert.True(badLabel.IsError);
        Assert.Contains("`label` = 'not a label' is not a label name", badLabel.Text);
        var noMatch = await client.CallAsync("find_series", new { match = Array.Empty<string>() });
        Assert.True(noMatch.IsError);
        Assert.Contains("`match` needs at least one series selector", noMatch.Text);
    }

    [Fact]
    public async Task Targets_show_our_scrape_pools_and_filter_by_pool_state_and_health()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var all = (await client.CallAsync("get_targets")).Ok();
        Assert.Equal("4 active targets:", all.Lines[0]);
        Assert.Equal(["gateway", "identity", "prometheus", "prometheus-mcp"],
            all.Json.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("scrapePool").GetString()!));

        var gateway = (await client.CallAsync("get_targets", new { scrape_pool = "gateway" })).Ok();
        var target = Assert.Single(gateway.Json.GetProperty("targets").EnumerateArray());
        Assert.Equal("up", target.GetProperty("health").GetString());
        Assert.Equal($"http://{fixture.App.GetEndpoint("gateway", "http").Authority}/metrics", target.GetProperty("scrapeUrl").GetString());
        Assert.StartsWith("gateway\tup\thttp://", gateway.Lines[2]);

        Assert.Equal("0 active targets with health down:", (await client.CallAsync("get_targets", new { health = "down" })).Ok().Lines[0]);
        Assert.Equal("0 dropped targets:", (await client.CallAsync("get_targets", new { state = "dropped" })).Ok().Lines[0]);
        var bad = await client.CallAsync("get_targets", new { state = "sleeping" });
        Assert.True(bad.IsError);
        Assert.Contains("`state` = 'sleeping' is not one of active, dropped, any.", bad.Text);
    }

    [Fact]
    public async Task Alerts_and_rules_come_from_the_apphost_rule_file()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        // Rules are evaluated every 5 s from start; wait for the first evaluation.
        var alerts = await EventuallyAsync(client, "get_alerts", null, a => a.Json.GetProperty("total").GetInt32() > 0);
        Assert.Equal("1 active alerts:", alerts.Lines[0]);
        var watchdog = Assert.Single(alerts.Json.GetProperty("alerts").EnumerateArray());
        Assert.Equal("Watchdog", watchdog.GetProperty("name").GetString());
        Assert.Equal("firing", watchdog.GetProperty("state").GetString());
        Assert.Equal("none", watchdog.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("Always firing, to show that alerting works.", watchdog.GetProperty("annotations").GetProperty("summary").GetString());
        // The alert value exactly as Prometheus formats it (Go's %e).
        Assert.Equal("1e+00", watchdog.GetProperty("value").GetString());
        Assert.Equal("0 pending alerts:", (await client.CallAsync("get_alerts", new { state = "pending" })).Ok().Lines[0]);

        var rules = (await client.CallAsync("get_rules")).Ok();
        Assert.Equal("3 rules in 1 groups:", rules.Lines[0]);
        var group = Assert.Single(rules.Json.GetProperty("groups").EnumerateArray());
        Assert.Equal("mcpsecure", group.GetProperty("name").GetString());
        Assert.Equal(5, group.GetProperty("intervalSeconds").GetDouble());
        Assert.Equal(["alert Watchdog vector(1)", "alert ScrapeTargetDown up == 0", "record job:up:sum sum by (job) (up)"],
            group.GetProperty("rules").EnumerateArray().Select(r => $"{r.GetProperty("type").GetString()} {r.GetProperty("name").GetString()} {r.GetProperty("query").GetString()}"));
        Assert.Equal(60, group.GetProperty("rules")[1].GetProperty("forSeconds").GetDouble());

        var recorded = (await client.CallAsync("get_rules", new { type = "record" })).Ok();
        Assert.Equal("1 rules in 1 groups:", recorded.Lines[0]);
        Assert.Contains("record\tjob:up:sum\tok\t", recorded.Text);
    }

    [Fact]
    public async Task Build_info_flags_config_and_tsdb_status_match_prometheus()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);
        using var prometheus = fixture.App.CreateHttpClient("prometheus", "http");

        var build = (await client.CallAsync("get_build_info")).Ok();
        var rawBuild = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/status/buildinfo");
        Assert.Equal(rawBuild.GetProperty("data").GetProperty("version").GetString(), build.Json.GetProperty("build").GetProperty("version").GetString());
        Assert.Contains($"version\t{rawBuild.GetProperty("data").GetProperty("version").GetString()}", build.Lines);
        Assert.Contains("reloadConfigSuccess\ttrue", build.Lines);

        var flags = (await client.CallAsync("get_flags", new { filter_pattern = "tsdb.path" })).Ok();
        Assert.Equal(["1 flags:", $"storage.tsdb.path\t{Path.Combine(fixture.DataPath, "prometheus-data")}"], flags.Lines);

        var config = (await client.CallAsync("get_config")).Ok();
        var rawConfig = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/status/config");
        Assert.Equal(rawConfig.GetProperty("data").GetProperty("yaml").GetString(), config.Text);
        Assert.Contains("job_name: gateway", config.Text);

        // The head changes with every scrape: compare with Prometheus's answers just before and after.
        for (var attempt = 0; ; attempt++)
        {
            var before = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/status/tsdb");
            var tsdb = (await client.CallAsync("get_tsdb_status")).Ok();
            var after = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/status/tsdb");
            var expected = before.GetProperty("data").GetProperty("headStats").GetProperty("numSeries").GetRawText();
            if (expected != after.GetProperty("data").GetProperty("headStats").GetProperty("numSeries").GetRawText() && attempt < 5)
            {
                continue;
            }
            Assert.Equal(expected, tsdb.Json.GetProperty("headStats").GetProperty("numSeries").GetString());
            Assert.StartsWith($"head: numSeries={expected} ", tsdb.Lines[0]);
            var top = before.GetProperty("data").GetProperty("seriesCountByMetricName")[0];
            Assert.Contains("series by metric:", tsdb.Lines);
            Assert.Equal(top.GetProperty("name").GetString(), tsdb.Json.GetProperty("seriesCountByMetricName")[0].GetProperty("name").GetString());
            break;
        }
    }

    [Fact]
    public async Task Health_check_reports_ready()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var health = (await client.CallAsync("health_check")).Ok();

        Assert.Equal("Prometheus is ready: Prometheus Server is Ready.", health.Lines[0]);
        Assert.True(health.Json.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Prompts_guide_common_investigations()
    {
        await using var client = await DirectMcp.ConnectAsync(fixture);

        var prompts = await client.ListPromptsAsync();
        Assert.Equal(["job_error_rate", "why_is_target_down"], prompts.Select(p => p.Name).Order());

        var down = await client.GetPromptAsync("why_is_target_down", new Dictionary<string, object?> { ["job"] = "gateway" });
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(down.Messages).Content).Text;
        Assert.Contains("get_targets with scrape_pool=\"gateway\"", text);
        Assert.Contains("`up{job=\"gateway\"}`", text);

        var errors = await client.GetPromptAsync("job_error_rate", new Dictionary<string, object?> { ["job"] = "api", ["window"] = "10m" });
        var errorText = Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(errors.Messages).Content).Text;
        Assert.Contains("sum(rate(<counter>{job=\"api\",<status label>=~\"5..\"}[10m]))", errorText);
    }

    private static async Task<DirectMcp.ToolAnswer> EventuallyAsync(McpClient client, string tool, object? arguments, Func<DirectMcp.ToolAnswer, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var answer = (await client.CallAsync(tool, arguments)).Ok();
            if (done(answer) || DateTimeOffset.UtcNow > deadline)
            {
                return answer;
            }
            await Task.Delay(500);
        }
    }
}
