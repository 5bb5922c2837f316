using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Limits;
using McpSecure.Gateway.Limits.Shared;
using McpSecure.UnitTests.GatewayIdentity.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace McpSecure.UnitTests.Gateway.Limits;

/// <summary>The shared per-user limiter against a fake store and a fake clock: window maths, Retry-After, keys, the fallback and the recovery.</summary>
public sealed class SharedUserRateLimiterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly PerUserRateLimitOptions _options = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(1), Redis = "127.0.0.1:6379" };
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;
    private readonly FakeCounterStore _store;
    private readonly SharedRateLimitStatus _status;
    private readonly List<(string Reason, long Value)> _fallbacks = [];
    private readonly MeterListener _meters = new();

    public SharedUserRateLimiterTests()
    {
        _store = new FakeCounterStore(_time);
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name == SharedRateLimitStatus.FallbacksMetric)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_fallbacks)
            {
                _fallbacks.Add(((string)tags.ToArray().Single(t => t.Key == "reason").Value!, value));
            }
        });
        _meters.Start();
        _status = new SharedRateLimitStatus(_time, _options, meterFactory, new LoggerFactory([_logs]).CreateLogger<SharedRateLimitStatus>());
    }

    public void Dispose()
    {
        _meters.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task The_window_starts_with_the_first_request_and_a_refusal_says_how_long_is_left_of_it()
    {
        using var limiter = Limiter("sub:alice");

        Assert.True((await AcquireAsync(limiter)).IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await AcquireAsync(limiter)).IsAcquired);
        Assert.True((await AcquireAsync(limiter)).IsAcquired);
        using var refused = await AcquireAsync(limiter);
        _time.Advance(TimeSpan.FromSeconds(40));
        using var nextWindow = await AcquireAsync(limiter);

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.True(nextWindow.IsAcquired);
        Assert.Equal(5, _store.Calls);
        Assert.Empty(_fallbacks);
    }

    [Fact]
    public async Task Two_replicas_on_one_store_share_the_count_and_another_user_has_a_count_of_his_own()
    {
        using var replicaA = Limiter("sub:alice");
        using var replicaB = Limiter("sub:alice");
        using var bobOnB = Limiter("sub:bob");

        var admitted = new List<bool>();
        foreach (var limiter in new[] { replicaA, replicaB, replicaA, replicaB })
        {
            using var lease = await AcquireAsync(limiter);
            admitted.Add(lease.IsAcquired);
        }
        using var bob = await AcquireAsync(bobOnB);

        Assert.Equal([true, true, true, false], admitted);
        Assert.True(bob.IsAcquired);
        Assert.Equal(2, _store.Keys.Count);
    }

    [Fact]
    public void Keys_are_a_prefix_and_a_hash_of_the_user_never_the_subject()
    {
        var alice = RateLimitKeys.For("mcpsecure:rate:", "sub:alice@example.com");

        Assert.StartsWith("mcpsecure:rate:", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", alice, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^mcpsecure:rate:[0-9a-f]{64}$", alice);
        Assert.Equal(alice, RateLimitKeys.For("mcpsecure:rate:", "sub:alice@example.com"));
        Assert.NotEqual(alice, RateLimitKeys.For("mcpsecure:rate:", "sub:bob@example.com"));
        Assert.NotEqual(alice, RateLimitKeys.For("mcpsecure:rate:", "client:alice@example.com"));
    }

    [Fact]
    public async Task A_failing_store_falls_back_to_this_replicas_count_never_to_unlimited_and_says_so()
    {
        using var limiter = Limiter("sub:alice");
        _store.Failure = RedisFailures.Unreachable(ConnectionFailureType.UnableToConnect);

        var admitted = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            using var lease = await AcquireAsync(limiter);
            admitted.Add(lease.IsAcquired);
        }
        var health = await HealthAsync();

        Assert.Equal([true, true, true, false, false], admitted);
        Assert.Equal(1, _store.Calls); // then left alone for the retry interval
        Assert.Equal([("unreachable", 1L), ("unreachable", 1L), ("unreachable", 1L), ("unreachable", 1L), ("unreachable", 1L)], _fallbacks);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("Redis has not answered for the per-user rate limit since 2026-12-01T12:00:00.0000000+00:00 (unreachable): the limit is counted per replica.", health.Description);
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("requests are counted by this replica alone", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", string.Join('\n', _logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
        Assert.DoesNotContain("6379", string.Join('\n', _logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hung_store_is_given_up_after_the_redis_timeout_and_the_request_is_decided_here()
    {
        using var limiter = Limiter("sub:alice");
        _store.Hangs = true;

        var pending = AcquireAsync(limiter).AsTask();
        Assert.False(pending.IsCompleted);
        _time.Advance(_options.RedisTimeout);
        using var lease = await pending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(lease.IsAcquired);
        Assert.Equal([("timeout", 1L)], _fallbacks);
        Assert.Equal(HealthStatus.Degraded, (await HealthAsync()).Status);
    }

    [Fact]
    public async Task A_store_reporting_itself_disconnected_is_not_waited_for()
    {
        using var limiter = Limiter("sub:alice");
        _store.IsAvailable = false;

        using var lease = await AcquireAsync(limiter);

        Assert.True(lease.IsAcquired);
        Assert.Equal(0, _store.Calls);
        Assert.Equal([("unreachable", 1L)], _fallbacks);
    }

    [Fact]
    public async Task Requests_counted_by_the_store_are_counted_here_too_so_a_failure_mid_window_keeps_them()
    {
        using var limiter = Limiter("sub:alice");
        Assert.True((await AcquireAsync(limiter)).IsAcquired);
        Assert.True((await AcquireAsync(limiter)).IsAcquired);
        _store.Failure = RedisFailures.TimedOut();

        using var third = await AcquireAsync(limiter);
        using var fourth = await AcquireAsync(limiter);

        Assert.True(third.IsAcquired);
        Assert.False(fourth.IsAcquired);
        Assert.True(fourth.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);
        Assert.Equal(("timeout", 1L), _fallbacks[0]);
    }

    [Fact]
    public async Task After_the_retry_interval_the_store_is_tried_again_and_the_limit_is_shared_again_by_itself()
    {
        using var limiter = Limiter("sub:alice");
        _store.Failure = RedisFailures.Unreachable(ConnectionFailureType.SocketClosed);
        using (await AcquireAsync(limiter))
        {
        }
        _store.Failure = null;
        _time.Advance(_options.RedisRetryInterval - TimeSpan.FromMilliseconds(1));
        using (await AcquireAsync(limiter))
        {
        }
        var callsDuringInterval = _store.Calls;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var shared = await AcquireAsync(limiter);

        Assert.Equal(1, callsDuringInterval);
        Assert.Equal(2, _store.Calls);
        Assert.True(shared.IsAcquired);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("shared across replicas again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warnings_while_the_store_stays_down_are_repeated_at_most_once_a_minute()
    {
        using var limiter = Limiter("sub:alice");
        _store.Failure = RedisFailures.Unreachable(ConnectionFailureType.UnableToConnect);
        for (var i = 0; i < 30; i++)
        {
            using (await AcquireAsync(limiter))
            {
            }
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        // 150 s of requests every 5 s: the first warning, then one at 60 s and one at 120 s.
        Assert.Equal(3, _logs.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.Equal(30, _fallbacks.Count);
    }

    [Fact]
    public async Task Without_redis_the_health_report_says_the_limit_is_per_replica()
    {
        var check = new SharedRateLimitHealthCheck(Options.Create(new GatewayOptions()), _services);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Healthy, "No Redis configured: the per-user rate limit is counted per replica."), (result.Status, result.Description));
    }

    private SharedUserRateLimiter Limiter(string partitionKey) =>
        new(RateLimitKeys.For(_options.RedisKeyPrefix, partitionKey), _options, _store, _status, _time);

    private static ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter) => limiter.AcquireAsync(1);

    private Task<HealthCheckResult> HealthAsync()
    {
        var services = new ServiceCollection().AddSingleton(_status).BuildServiceProvider();
        return new SharedRateLimitHealthCheck(Options.Create(new GatewayOptions { Limits = { RequestsPerUser = _options } }), services)
            .CheckHealthAsync(new HealthCheckContext());
    }
}
