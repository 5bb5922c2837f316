using System.Diagnostics;
using System.Net;
using System.Text;
using McpSecure.PrometheusMcp.Prometheus;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>
/// A Prometheus that accepts connections and never answers (behind Aspire's development proxy once stopped) gives a
/// prompt tool error naming its URL; a busy one that is alive is waited for; a refused connection names the URL too.
/// Real time with a 300 ms reachability timeout.
/// </summary>
public sealed class PrometheusReachabilityTests
{
    private const string EmptyVector = """{"status":"success","data":{"resultType":"vector","result":[]}}""";
    private static readonly TimeSpan Reachability = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_prometheus_that_never_answers_gives_a_tool_error_naming_its_url_without_credentials_long_before_the_query_timeout()
    {
        var prometheus = new ScriptedPrometheus(queryDelay: Timeout.InfiniteTimeSpan, readyAnswers: false);
        var client = Client(prometheus, new Uri("http://reader:s3cret@prometheus.test/prefix/?tenant=x"));

        var started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<McpException>(() => PrometheusCall.RunAsync(() => client.QueryAsync("up", null, default), "up"));

        // The query itself never ends: any answer at all is the probe's (2 x 0.3 s here); 10 s leaves room for a loaded machine
        // and is still far below the 30 s query timeout.
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), $"took {Stopwatch.GetElapsedTime(started)}");
        Assert.Equal("Prometheus at http://prometheus.test/prefix/ is unreachable: no answer within 0.3 s, and its readiness endpoint (/-/ready) " +
                     "did not answer within 0.3 s either (query: `up`). Check that Prometheus runs and that Prometheus:BaseUrl points at it.", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.Equal(["/prefix/api/v1/query", "/prefix/-/ready"], prometheus.Paths);
        Assert.Equal("Bearer probe-token", prometheus.ReadyAuthorization);
    }

    [Fact]
    public async Task A_busy_prometheus_that_answers_its_readiness_probe_is_waited_for()
    {
        var prometheus = new ScriptedPrometheus(queryDelay: TimeSpan.FromSeconds(1.2), readyAnswers: true);
        var client = Client(prometheus, FakePrometheusHandler.BaseAddress);

        var response = await client.QueryAsync("up", null, default);

        Assert.Equal("success", response.Status);
        Assert.Contains("/prefix/-/ready", prometheus.Paths);
    }

    [Fact]
    public async Task A_refused_connection_names_the_url_and_the_cause()
    {
        var client = Client(new RefusingPrometheusHandler(), FakePrometheusHandler.BaseAddress);

        var error = await Assert.ThrowsAsync<McpException>(() => PrometheusCall.RunAsync(() => client.QueryAsync("up", null, default)));

        Assert.Equal("Prometheus at http://prometheus.test/prefix/ is unreachable: Connection refused (prometheus.test:80). " +
                     "Check that Prometheus runs and that Prometheus:BaseUrl points at it.", error.Message);
    }

    private static PrometheusClient Client(HttpMessageHandler prometheus, Uri baseUrl)
    {
        var options = Options.Create(new PrometheusOptions { BaseUrl = baseUrl, ReachabilityTimeout = Reachability });
        var http = new HttpClient(new PrometheusReachabilityHandler(options, TimeProvider.System) { InnerHandler = prometheus })
        {
            BaseAddress = FakePrometheusHandler.BaseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "probe-token");
        return new PrometheusClient(http, options);
    }
}
