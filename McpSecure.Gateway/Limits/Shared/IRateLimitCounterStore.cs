namespace McpSecure.Gateway.Limits.Shared;

/// <summary>Where the replicas count requests together (Redis; a fake in the unit tests).</summary>
internal interface IRateLimitCounterStore
{
    /// <summary>
    /// Adds one request to <paramref name="key"/>'s window, which starts with the key's first request and lasts
    /// <paramref name="window"/>; the key expires with it. Throws when the store cannot answer.
    /// </summary>
    Task<WindowCount> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Whether the store is connected now; false lets a request fall back at once instead of waiting for a timeout.</summary>
    bool IsAvailable { get; }
}
