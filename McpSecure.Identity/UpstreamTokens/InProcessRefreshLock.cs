namespace McpSecure.Identity.UpstreamTokens;

/// <summary>One refresh at a time in this process (one replica): a single gate, refreshes are rare.</summary>
internal sealed class InProcessRefreshLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Held(_gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
