using System.Text.Json;
using McpSecure.PrometheusMcp.Prometheus;
using McpSecure.PrometheusMcp.Tools;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>Tools called directly against an in-memory Prometheus: what they ask, and what they answer.</summary>
public sealed class ToolTests
{
    private static (PrometheusClient Client, IOptions<PrometheusOptions> Options) Connect(FakePrometheusHandler handler, int maxOutputCharacters = 50_000)
    {
        var options = Options.Create(new PrometheusOptions { MaxOutputCharacters = maxOutputCharacters });
        return (new PrometheusClient(handler.CreateClient(), options), options);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    [Fact]
    public async Task Get_config_shortens_the_yaml_at_a_line_end_in_text_and_structured_content_alike()
    {
        var yaml = string.Concat(Enumerable.Range(0, 200).Select(i => $"- job_name: job{i:000}\n"));
        var handler = new FakePrometheusHandler(JsonSerializer.Serialize(new { status = "success", data = new { yaml } }));
        var (client, options) = Connect(handler, maxOutputCharacters: 1_000);

        var result = await new GetConfigTool(client, options).GetConfig();

        var structured = result.StructuredContent!.Value;
        var shown = structured.GetProperty("yaml").GetString()!;
        Assert.True(shown.Length <= 1_000 && shown.EndsWith('\n') && yaml.StartsWith(shown, StringComparison.Ordinal));
        var note = $"[truncated: showing the first {shown.Length} of {yaml.Length} characters of the configuration]";
        Assert.Equal(note, structured.GetProperty("truncated").GetString());
        Assert.Equal(yaml.Length, structured.GetProperty("totalCharacters").GetInt32());
        Assert.Equal(shown + note + "\n", Text(result));
        Assert.Equal("/prefix/api/v1/status/config", Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task List_metrics_filters_case_insensitively_and_pages()
    {
        var handler = new FakePrometheusHandler("""{"status":"success","data":["a_total","B_total","c_seconds","d_total"]}""");
        var (client, options) = Connect(handler);

        var result = await new ListMetricsTool(client, options).ListMetrics(filter_pattern: "_TOTAL", limit: 2, offset: 1);

        Assert.Equal(
            "3 metric names containing '_TOTAL' (from #2):\nB_total\nd_total\n", Text(result));
        var request = Assert.Single(handler.Requests).Uri;
        Assert.Equal("/prefix/api/v1/label/__name__/values", request.AbsolutePath);
        Assert.Empty(request.Query);
        Assert.Equal(["B_total", "d_total"], result.StructuredContent!.Value.GetProperty("items").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task With_structured_content_off_a_tool_returns_the_same_text_and_no_structured_copy()
    {
        const string Names = """{"status":"success","data":["a_total","B_total"]}""";
        var (client, options) = Connect(new FakePrometheusHandler(Names));
        var withCopy = await new ListMetricsTool(client, options).ListMetrics();
        var textOnlyOptions = Options.Create(new PrometheusOptions { StructuredContent = false });
        var textOnly = await new ListMetricsTool(new PrometheusClient(new FakePrometheusHandler(Names).CreateClient(), textOnlyOptions), textOnlyOptions).ListMetrics();

        Assert.NotNull(withCopy.StructuredContent);
        Assert.Null(textOnly.StructuredContent);
        Assert.Equal(Text(withCopy), Text(textOnly));
    }

    [Fact]
    public void With_structured_content_off_the_tools_list_promises_no_output_schema()
    {
        var result = new ListToolsResult
        {
            Tools = [new Tool { Name = "execute_query", OutputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement }],
        };

        McpServerBuilderExtensions.WithoutOutputSchemas(result);

        Assert.Null(Assert.Single(result.Tools).OutputSchema);
    }

    [Fact]
    public async Task A_range_query_beyond_the_point_limit_is_refused_before_prometheus_is_asked()
    {
        var handler = new FakePrometheusHandler("{}");
        var (client, options) = Connect(handler);
        var tool = new ExecuteRangeQueryTool(client, options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<ModelContextProtocol.McpException>(() => tool.ExecuteRangeQuery("up", start: "now-30d", step: "15s"));

        Assert.Contains("the limit is 11000", error.Message);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("http_server_request_duration_seconds", 0.95, null, null, null,
        "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[5m])))")]
    [InlineData("x_bucket", 0.5, "90s", "job, route", "{job=\"api\"}",
        "histogram_quantile(0.5, sum by (le, job, route) (rate(x_bucket{job=\"api\"}[1m30s])))")]
    public void Histogram_quantile_builds_the_promql_from_its_arguments(string metric, double quantile, string? range, string? by, string? filter, string expected) =>
        Assert.Equal(expected, HistogramQuantileTool.BuildExpression(metric, quantile, range, by, filter));

    [Theory]
    [InlineData("x", 1.5, null, "`quantile` = 1.5 is out of range")]
    [InlineData("x{a=\"b\"}", 0.5, null, "`metric` = 'x{a=\"b\"}' is not a metric name")]
    [InlineData("x", 0.5, "job,1bad", "`by` contains '1bad', which is not a label name.")]
    public void Histogram_quantile_refuses_bad_arguments_naming_them(string metric, double quantile, string? by, string expected)
    {
        var error = Assert.Throws<ModelContextProtocol.McpException>(() => HistogramQuantileTool.BuildExpression(metric, quantile, null, by, null));

        Assert.StartsWith(expected, error.Message);
    }
}
