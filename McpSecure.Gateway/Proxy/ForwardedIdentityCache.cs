using System.Security.Claims;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Caching.Memory;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// The signed identity header for a token, written once and reused: a caller's requests with the same token carry
/// the same header for half its lifetime (so the MCP server always receives one with at least a minute left), never
/// past the token's own expiry. Keyed by the token's SHA-256, bounded by the gateway's memory cache size limit.
/// </summary>
internal sealed class ForwardedIdentityCache(GatewayIdentityTokenWriter writer, IMemoryCache cache, TimeProvider time, TimeSpan lifetime)
{
    public string HeaderFor(string tokenKey, ClaimsPrincipal caller)
    {
        var now = time.GetUtcNow();
        var key = "identity:" + tokenKey;
        if (cache.TryGetValue<ForwardedIdentity>(key, out var cached) && cached!.ReuseUntil > now)
        {
            return cached.Header;
        }

        var header = writer.Write(caller);
        var reuseUntil = now + lifetime / 2;
        if (TokenExpiry(caller) is { } expires && expires < reuseUntil)
        {
            reuseUntil = expires;
        }
        if (reuseUntil > now)
        {
            cache.Set(key, new ForwardedIdentity(header, reuseUntil),
                new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = reuseUntil - now, Size = 1 });
        }
        return header;
    }

    private static DateTimeOffset? TokenExpiry(ClaimsPrincipal caller) =>
        long.TryParse(caller.FindFirst("exp")?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private sealed record ForwardedIdentity(string Header, DateTimeOffset ReuseUntil);
}
