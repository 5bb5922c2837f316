using McpSecure.Gateway.Limits.Shared;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Gateway.Limits;

/// <summary>
/// The shared store in memory, with Redis's rules (a key's window starts with its first request and it expires at
/// the end), timed by a fake clock; it can be made to fail, to hang or to report itself disconnected.
/// </summary>
internal sealed class FakeCounterStore(TimeProvider timeProvider) : IRateLimitCounterStore
{
    private readonly Dictionary<string, (long Count, DateTimeOffset Expires)> _keys = [];

    public FakeCounterStore() : this(new FakeTimeProvider())
    {
    }

    /// <summary>Thrown by every call while set.</summary>
    public Exception? Failure { get; set; }

    /// <summary>While true, calls never complete (a hung Redis).</summary>
    public bool Hangs { get; set; }

    public bool IsAvailable { get; set; } = true;

    public int Calls { get; private set; }

    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_keys)
            {
                return _keys.Keys.ToList();
            }
        }
    }

    public Task<WindowCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        lock (_keys)
        {
            Calls++;
            if (Hangs)
            {
                return new TaskCompletionSource<WindowCount>().Task;
            }
            if (Failure is { } failure)
            {
                return Task.FromException<WindowCount>(failure);
            }
            var now = timeProvider.GetUtcNow();
            var entry = _keys.TryGetValue(key, out var existing) && existing.Expires > now ? existing : (0, now + window);
            entry.Count++;
            _keys[key] = entry;
            return Task.FromResult(new WindowCount(entry.Count, entry.Expires - now));
        }
    }
}
