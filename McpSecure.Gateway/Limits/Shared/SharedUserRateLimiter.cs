using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace McpSecure.Gateway.Limits.Shared;

/// <summary>
/// One user's limiter when the replicas share the count: each request is counted in the store (one atomic round trip,
/// bounded by <see cref="PerUserRateLimitOptions.RedisTimeout"/>) and, always, by this replica. When the store cannot
/// answer, the replica's own count decides for that request: the limit then holds per replica, never "unlimited", and
/// never an error for the caller. Requests are decided on the asynchronous path only (<see cref="AcquireAsyncCore"/>).
/// </summary>
internal sealed class SharedUserRateLimiter : RateLimiter
{
    private static readonly WindowLease UseAcquireAsync = new(false, null);

    private readonly string _key;
    private readonly PerUserRateLimitOptions _options;
    private readonly IRateLimitCounterStore _store;
    private readonly SharedRateLimitStatus _status;
    private readonly TimeProvider _timeProvider;
    private readonly LocalWindowCounter _local;
    private long _lastUsed;

    public SharedUserRateLimiter(string key, PerUserRateLimitOptions options, IRateLimitCounterStore store, SharedRateLimitStatus status, TimeProvider timeProvider)
    {
        _key = key;
        _options = options;
        _store = store;
        _status = status;
        _timeProvider = timeProvider;
        _local = new LocalWindowCounter(timeProvider, options.Window);
        _lastUsed = timeProvider.GetTimestamp();
    }

    /// <summary>Idle only once this replica's window has ended, so that dropping the limiter loses no count.</summary>
    public override TimeSpan? IdleDuration => _local.IsExpired ? _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastUsed)) : null;

    public override RateLimiterStatistics GetStatistics() => new()
    {
        CurrentAvailablePermits = Math.Max(0, _options.PermitLimit - _local.Current),
        CurrentQueuedCount = 0,
    };

    /// <summary>Not decided synchronously: the store is asynchronous. The middleware then calls <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? WindowLease.Admitted : UseAcquireAsync;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return WindowLease.Admitted;
        }
        Interlocked.Exchange(ref _lastUsed, _timeProvider.GetTimestamp());
        var local = _local.Increment();
        if (!_status.ShouldTryStore)
        {
            _status.CountedLocally(_status.LastReason, storeFailed: false);
            return Decide(local);
        }
        if (!_store.IsAvailable)
        {
            _status.CountedLocally("unreachable", storeFailed: true);
            return Decide(local);
        }
        var counting = _store.IncrementAsync(_key, _options.Window, CancellationToken.None);
        try
        {
            var shared = await counting.WaitAsync(_options.RedisTimeout, _timeProvider, cancellationToken);
            _status.StoreAnswered();
            return Decide(shared);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutException or RedisException or ObjectDisposedException or InvalidOperationException)
        {
            Observe(counting);
            _status.CountedLocally(exception switch
            {
                RedisConnectionException => "unreachable",
                TimeoutException => "timeout",
                _ => "error",
            }, storeFailed: true);
            return Decide(local);
        }
    }

    private WindowLease Decide(WindowCount count) =>
        count.Count <= _options.PermitLimit ? WindowLease.Admitted : new WindowLease(false, count.ResetsIn);

    /// <summary>A count abandoned after the time limit may still fail later; its exception is observed, not left to the finalizer.</summary>
    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
