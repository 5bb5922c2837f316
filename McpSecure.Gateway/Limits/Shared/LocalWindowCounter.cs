namespace McpSecure.Gateway.Limits.Shared;

/// <summary>
/// One user's fixed window counted by this replica alone: the fallback while the shared store cannot answer. Same
/// rules as the store's (the window starts with the first request and lasts <c>Window</c>).
/// </summary>
internal sealed class LocalWindowCounter(TimeProvider timeProvider, TimeSpan window)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private long _count;

    public WindowCount Increment()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (now >= _windowEnds)
            {
                _windowEnds = now + window;
                _count = 0;
            }
            _count++;
            return new WindowCount(_count, _windowEnds - now);
        }
    }

    public long Current
    {
        get
        {
            lock (_lock)
            {
                return timeProvider.GetUtcNow() >= _windowEnds ? 0 : _count;
            }
        }
    }

    /// <summary>True once the window has ended: forgetting the counter then loses nothing.</summary>
    public bool IsExpired
    {
        get
        {
            lock (_lock)
            {
                return timeProvider.GetUtcNow() >= _windowEnds;
            }
        }
    }
}
