#if (!ExcludeBlankServer)
namespace McpSecure.UnitTests.AppHost.Publishing;

/// <summary>McpSecure:Redis in a publish: the chart runs no Redis (yet) and says what that means for the per-user limit.</summary>
public sealed class RedisChartTests
{
    [Fact]
    public async Task With_redis_the_chart_still_publishes_deploys_no_redis_and_says_the_limit_is_per_replica()
    {
        var app = await PublishedApps.BlankWithRedisAsync();

        Assert.DoesNotContain(app.Workloads, w => w.Name == "redis");
        Assert.DoesNotContain(app.Gateway.Settings, s => s.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        var note = Assert.Single(app.Notes, n => n.Contains("McpSecure:Redis", StringComparison.Ordinal));
        Assert.Contains("each gateway replica counts the per-user rate limit on its own", note, StringComparison.Ordinal);
        Assert.Contains("Gateway__Limits__RequestsPerUser__Redis", note, StringComparison.Ordinal);
    }
}
#endif
