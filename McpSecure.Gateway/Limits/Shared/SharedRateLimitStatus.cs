using System.Diagnostics.Metrics;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>
/// Whether the per-user limit is shared through the store right now, or counted per replica because the store failed.
/// After a failure the store is left alone for <see cref="PerUserRateLimitOptions.RedisRetryInterval"/>, then tried again
/// by the next request: the limiter recovers by itself. Logs the change (a warning, repeated at most once a minute while
/// it lasts; never a key, a subject or the connection string), counts every request counted per replica
/// (<see cref="FallbacksMetric"/>) and feeds the health report (<see cref="SharedRateLimitHealthCheck"/>).
/// </summary>
internal sealed partial class SharedRateLimitStatus
{
    public const string FallbacksMetric = "mcpsecure.gateway.rate_limit.fallbacks";
    private static readonly TimeSpan RepeatWarningAfter = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retryInterval;
    private readonly ILogger<SharedRateLimitStatus> _logger;
    private readonly Counter<long> _fallbacks;
    private readonly Lock _lock = new();
    private DateTimeOffset? _failingSince;
    private DateTimeOffset _retryAt;
    private DateTimeOffset _lastWarning;
    private string _lastReason = "";
    private long _fallbacksSinceWarning;
    private long _fallbacksTotal;

    public SharedRateLimitStatus(TimeProvider timeProvider, PerUserRateLimitOptions options, IMeterFactory meterFactory, ILogger<SharedRateLimitStatus> logger)
    {
        _timeProvider = timeProvider;
        _retryInterval = options.RedisRetryInterval;
        _logger = logger;
        _fallbacks = meterFactory.Create(Telemetry.GatewayTelemetry.MeterName).CreateCounter<long>(
            FallbacksMetric, unit: "{request}",
            description: "Requests whose per-user limit was counted by this replica alone because Redis could not answer, by reason.");
    }

    /// <summary>False while the store is left alone after a failure.</summary>
    public bool ShouldTryStore
    {
        get
        {
            lock (_lock)
            {
                return _failingSince is null || _timeProvider.GetUtcNow() >= _retryAt;
            }
        }
    }

    /// <summary>When the store started failing, or null while it answers.</summary>
    public DateTimeOffset? FailingSince
    {
        get
        {
            lock (_lock)
            {
                return _failingSince;
            }
        }
    }

    public string LastReason
    {
        get
        {
            lock (_lock)
            {
                return _lastReason;
            }
        }
    }

    public long FallbacksTotal => Interlocked.Read(ref _fallbacksTotal);

    /// <summary>The store failed (or was not tried) for one request, which was counted by this replica: <paramref name="reason"/> is <c>unreachable</c>, <c>timeout</c> or <c>error</c>.</summary>
    public void CountedLocally(string reason, bool storeFailed)
    {
        _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Interlocked.Increment(ref _fallbacksTotal);
        var now = _timeProvider.GetUtcNow();
        bool warn;
        long since;
        lock (_lock)
        {
            _fallbacksSinceWarning++;
            if (storeFailed)
            {
                _retryAt = now + _retryInterval;
                _lastReason = reason;
            }
            var started = _failingSince is null;
            _failingSince ??= now;
            warn = started || now - _lastWarning >= RepeatWarningAfter;
            since = _fallbacksSinceWarning;
            if (warn)
            {
                _lastWarning = now;
                _fallbacksSinceWarning = 0;
            }
        }
        if (warn)
        {
            LogFallingBack(_logger, reason, since, _retryInterval);
        }
    }

    /// <summary>The store answered: the limit is shared again.</summary>
    public void StoreAnswered()
    {
        DateTimeOffset? failedSince;
        long fallbacks;
        lock (_lock)
        {
            if (_failingSince is null)
            {
                return;
            }
            failedSince = _failingSince;
            fallbacks = _fallbacksSinceWarning;
            _failingSince = null;
            _fallbacksSinceWarning = 0;
            _lastReason = "";
        }
        LogRecovered(_logger, _timeProvider.GetUtcNow() - failedSince.Value, fallbacks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer for the per-user rate limit ({Reason}): requests are counted by this replica alone, so the limit holds per replica, not across replicas ({Fallbacks} such requests since the last warning); Redis is tried again every {RetryInterval}.")]
    private static partial void LogFallingBack(ILogger logger, string reason, long fallbacks, TimeSpan retryInterval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: the per-user rate limit is shared across replicas again (it was counted per replica for {Duration}, {Fallbacks} requests since the last warning).")]
    private static partial void LogRecovered(ILogger logger, TimeSpan duration, long fallbacks);
}
