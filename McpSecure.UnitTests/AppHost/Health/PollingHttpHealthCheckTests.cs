using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSecure.UnitTests.AppHost.Health;

public sealed class PollingHttpHealthCheckTests
{
    private static readonly Uri Health = new("http://127.0.0.1:5999/health");

    // Short pauses: the check's behaviour is proven by the requests it made, not by how long it took.
    private static readonly ReadinessProbeSettings Quick = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("probe", check, HealthStatus.Unhealthy, null) });

    [Fact]
    public async Task Keeps_asking_within_one_check_and_reports_healthy_at_the_first_2xx()
    {
        var handler = new ScriptedHealthHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        var check = new PollingHttpHealthCheck(() => Health, new HttpClient(handler), Quick, TimeProvider.System);

        var result = await CheckAsync(check);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Gives_up_after_the_longest_wait_naming_the_endpoint_and_its_answer()
    {
        var handler = new ScriptedHealthHandler(HttpStatusCode.ServiceUnavailable);
        var settings = Quick with { MaxWait = TimeSpan.FromMilliseconds(200) };
        var check = new PollingHttpHealthCheck(() => Health, new HttpClient(handler), settings, TimeProvider.System);

        var result = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Not ready after 0.2 s", result.Description);
        Assert.Contains("http://127.0.0.1:5999/health answered 503", result.Description);
        Assert.True(handler.Calls >= 2, $"one check asked {handler.Calls} time(s)");
    }

    [Fact]
    public async Task An_endpoint_without_an_address_yet_is_not_ready()
    {
        var handler = new ScriptedHealthHandler(HttpStatusCode.OK);
        var settings = Quick with { MaxWait = TimeSpan.FromMilliseconds(50) };
        var check = new PollingHttpHealthCheck(() => throw new InvalidOperationException("The endpoint `http` is not allocated."),
            new HttpClient(handler), settings, TimeProvider.System);

        var result = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("The endpoint `http` is not allocated.", result.Description);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task A_refused_connection_is_reported_with_the_endpoint()
    {
        var settings = Quick with { MaxWait = TimeSpan.FromMilliseconds(50) };
        // Port 9 on loopback: nothing listens there on a test machine.
        var check = new PollingHttpHealthCheck(() => new Uri("http://127.0.0.1:9/health"), new HttpClient(), settings, TimeProvider.System);

        var result = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("http://127.0.0.1:9/health: ", result.Description);
    }

    [Fact]
    public void Project_resources_carry_the_waiting_readiness_check()
    {
        var builder = AppModel.CreateBuilder();
        var gateway = builder.AddGateway(new AppHostOptions { GatewayPort = 5400, DataPath = Path.GetTempPath() });

        var annotation = Assert.Single(gateway.Resource.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Equal("gateway_http_ready", annotation.Key);
    }
}
