using System.Net;
using McpSecure.PrometheusMcp.Prometheus;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace McpSecure.UnitTests.PrometheusMcp;

public sealed class PrometheusClientTests
{
    private const string EmptyVector = """{"status":"success","data":{"resultType":"vector","result":[]}}""";

    private static PrometheusClient Client(FakePrometheusHandler handler, TimeSpan? queryTimeout = null) =>
        new(handler.CreateClient(), Options.Create(new PrometheusOptions { QueryTimeout = queryTimeout ?? TimeSpan.FromSeconds(30) }));

    [Fact]
    public async Task A_range_query_posts_the_form_prometheus_expects_under_the_base_path()
    {
        var handler = new FakePrometheusHandler("""{"status":"success","data":{"resultType":"matrix","result":[]}}""");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_767_268_800_250);

        await Client(handler, TimeSpan.FromSeconds(45)).QueryRangeAsync("sum(rate(x[5m]))", start, start.AddHours(1), TimeSpan.FromSeconds(30), default);

        var (method, uri, form) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("http://prometheus.test/prefix/api/v1/query_range", uri.AbsoluteUri);
        Assert.Equal("query=sum%28rate%28x%5B5m%5D%29%29&start=1767268800.25&end=1767272400.25&step=30&timeout=45s", form);
    }

    [Fact]
    public async Task Label_values_are_a_get_with_escaped_matchers_and_range()
    {
        var handler = new FakePrometheusHandler("""{"status":"success","data":[]}""");

        await Client(handler).LabelValuesAsync("job", ["up{job=\"a b\"}", "x"], DateTimeOffset.FromUnixTimeSeconds(100), null, default);

        var (method, uri, _) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, method);
        Assert.Equal("/prefix/api/v1/label/job/values", uri.AbsolutePath);
        Assert.Equal("?match%5B%5D=up%7Bjob%3D%22a%20b%22%7D&match%5B%5D=x&start=100", uri.Query);
    }

    [Fact]
    public async Task An_instant_query_without_time_sends_none()
    {
        var handler = new FakePrometheusHandler(EmptyVector);

        await Client(handler).QueryAsync("up", null, default);

        Assert.Equal("query=up&timeout=30s", Assert.Single(handler.Requests).Form);
    }

    [Fact]
    public async Task A_prometheus_error_becomes_a_tool_error_with_its_type_message_and_the_query()
    {
        var handler = new FakePrometheusHandler("""{"status":"error","errorType":"bad_data","error":"parse error at char 4: unexpected \")\""}""",
            HttpStatusCode.BadRequest);
        var client = Client(handler);

        var error = await Assert.ThrowsAsync<McpException>(() => PrometheusCall.RunAsync(() => client.QueryAsync("up)", null, default), "up)"));

        Assert.Equal("Prometheus error (bad_data): parse error at char 4: unexpected \")\" (query: `up)`)", error.Message);
    }

    [Fact]
    public async Task A_backend_that_is_not_prometheus_is_named_as_such()
    {
        var handler = new FakePrometheusHandler("<html>Welcome</html>", mediaType: "text/html");
        var client = Client(handler);

        var error = await Assert.ThrowsAsync<McpException>(() => PrometheusCall.RunAsync(() => client.TargetsAsync("active", default)));

        Assert.Equal("Prometheus answered HTTP 200 OK to /api/v1/targets with a body that is not the Prometheus API format (is Prometheus:BaseUrl right?).", error.Message);
    }

    [Fact]
    public async Task An_unreachable_prometheus_says_which_setting_to_check()
    {
        var error = await Assert.ThrowsAsync<McpException>(() =>
            PrometheusCall.RunAsync<int>(() => throw new HttpRequestException("Connection refused"), "up"));

        Assert.Equal("Prometheus is unreachable: Connection refused (query: `up`). Check that Prometheus runs and that Prometheus:BaseUrl points at it.", error.Message);
    }
}
