using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Proxy;

namespace McpSecure.UnitTests.Gateway.Reliability;

public sealed class UpstreamOptionsValidatorTests
{
    private static IReadOnlyList<string> Failures(Action<UpstreamOptions> change)
    {
        var options = new GatewayOptions();
        change(options.Upstream);
        return new UpstreamOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void Defaults_pass_and_probing_is_off()
    {
        Assert.Empty(Failures(_ => { }));
        Assert.False(new UpstreamOptions().ActiveHealthChecks);
        Assert.Equal(5, new UpstreamOptions().RetryAfterSeconds);
    }

    [Theory]
    [InlineData("ResponseHeadersTimeout", "00:00:00", "Gateway:Upstream:ResponseHeadersTimeout must be more than 0 and at most 00:10:00 (got 00:00:00).")]
    [InlineData("ResponseHeadersTimeout", "00:11:00", "Gateway:Upstream:ResponseHeadersTimeout must be more than 0 and at most 00:10:00 (got 00:11:00).")]
    [InlineData("ActivityTimeout", "-00:00:01", "Gateway:Upstream:ActivityTimeout must be more than 0 and at most 1.00:00:00 (got -00:00:01).")]
    [InlineData("ActivityTimeout", "00:00:05", "Gateway:Upstream:ResponseHeadersTimeout (00:00:10) must not exceed Gateway:Upstream:ActivityTimeout (00:00:05): the activity timeout would always fire first.")]
    [InlineData("UnavailablePeriod", "00:00:00", "Gateway:Upstream:UnavailablePeriod must be more than 0 and at most 00:10:00 (got 00:00:00).")]
    public void Bad_time_limits_are_named(string key, string value, string message)
    {
        var failure = Assert.Single(Failures(o => typeof(UpstreamOptions).GetProperty(key)!.SetValue(o, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(message, failure);
    }

    [Fact]
    public void Bad_health_check_settings_are_named_only_when_probing_is_on()
    {
        Assert.Empty(Failures(o => o.HealthCheckInterval = TimeSpan.Zero));

        var failures = Failures(o =>
        {
            o.HealthCheckPath = "health?x=1";
            o.HealthCheckInterval = TimeSpan.FromMilliseconds(500);
            o.HealthCheckTimeout = TimeSpan.FromSeconds(1);
        });

        Assert.Collection(failures,
            f => Assert.Equal("Gateway:Upstream:HealthCheckPath must be a path starting with '/' without query or fragment (got 'health?x=1'), or empty to turn probing off.", f),
            f => Assert.Equal("Gateway:Upstream:HealthCheckInterval must be at least 00:00:01 (got 00:00:00.5000000).", f),
            f => Assert.Equal("Gateway:Upstream:HealthCheckTimeout must be more than 0 and at most Gateway:Upstream:HealthCheckInterval (00:00:00.5000000) (got 00:00:01).", f));
    }

    [Fact]
    public void Retry_after_is_the_longer_of_the_unavailable_period_and_the_probe_interval()
    {
        Assert.Equal(3, new UpstreamOptions { UnavailablePeriod = TimeSpan.FromSeconds(2.5) }.RetryAfterSeconds);
        Assert.Equal(8, new UpstreamOptions { HealthCheckPath = "/health", HealthCheckInterval = TimeSpan.FromSeconds(8) }.RetryAfterSeconds);
    }

    [Fact]
    public void Gateway_does_not_start_with_a_bad_limit_and_names_the_key()
    {
        using var gateway = GatewayApp.InFrontOf(new Uri("http://127.0.0.1:9"), new Dictionary<string, string?>
        {
            ["Gateway:Upstream:ResponseHeadersTimeout"] = "00:00:00",
        });

        var error = Assert.ThrowsAny<Exception>(() => (object)gateway.Server);
        Assert.Contains("Gateway:Upstream:ResponseHeadersTimeout must be more than 0", error.ToString());
    }
}
