using ModelContextProtocol.Authentication;

namespace McpSecure.Tests.Infrastructure;

/// <summary>A token cache for the C# MCP client that a test can read and age (to make the client refresh).</summary>
public sealed class InspectableTokenCache : ITokenCache
{
    private readonly Lock _gate = new();
    private TokenContainer? _tokens;

    public int StoreCount { get; private set; }

    public TokenContainer? Current
    {
        get { lock (_gate) return _tokens; }
    }

    public ValueTask StoreTokensAsync(TokenContainer tokens, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _tokens = tokens;
            StoreCount++;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<TokenContainer?> GetTokensAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current);

    /// <summary>Puts tokens in the cache as if they had been stored earlier (a test's starting point).</summary>
    public void Seed(TokenContainer tokens)
    {
        lock (_gate) _tokens = tokens;
    }
}
