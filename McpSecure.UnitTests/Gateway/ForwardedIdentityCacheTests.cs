using System.Security.Claims;
using McpSecure.Gateway.Proxy;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The signed identity header is written once per token and reused for half its lifetime, never past the token's
/// expiry; the MCP server therefore always gets a header with at least half its lifetime left.
/// </summary>
public sealed class ForwardedIdentityCacheTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100 });

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void The_same_token_gets_the_same_header_within_half_the_lifetime()
    {
        var identities = Cache();
        var first = identities.HeaderFor("token-a", Caller("alice", expiresIn: TimeSpan.FromHours(1)));

        _clock.Advance(Lifetime / 2 - TimeSpan.FromSeconds(1));

        Assert.Equal(first, identities.HeaderFor("token-a", Caller("alice", expiresIn: TimeSpan.FromHours(1))));
    }

    [Fact]
    public void The_header_is_signed_again_after_half_its_lifetime()
    {
        var identities = Cache();
        var first = identities.HeaderFor("token-a", Caller("alice", expiresIn: TimeSpan.FromHours(1)));

        _clock.Advance(Lifetime / 2 + TimeSpan.FromSeconds(1));

        Assert.NotEqual(first, identities.HeaderFor("token-a", Caller("alice", expiresIn: TimeSpan.FromHours(1))));
    }

    [Fact]
    public void The_header_is_never_reused_past_the_tokens_expiry()
    {
        var identities = Cache();
        var first = identities.HeaderFor("token-a", Caller("alice", expiresIn: TimeSpan.FromSeconds(10)));

        _clock.Advance(TimeSpan.FromSeconds(11));

        Assert.NotEqual(first, identities.HeaderFor("token-a", Caller("alice", expiresIn: TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void Another_token_gets_its_own_header()
    {
        var identities = Cache();

        var alice = identities.HeaderFor("token-a", Caller("alice", TimeSpan.FromHours(1)));
        var bob = identities.HeaderFor("token-b", Caller("bob", TimeSpan.FromHours(1)));

        Assert.NotEqual(alice, bob);
        Assert.Equal(alice, identities.HeaderFor("token-a", Caller("alice", TimeSpan.FromHours(1))));
    }

    [Fact]
    public void The_cache_is_bounded_by_its_size_limit()
    {
        using var small = new MemoryCache(new MemoryCacheOptions { SizeLimit = 3 });
        var identities = new ForwardedIdentityCache(Writer(), small, _clock, Lifetime);

        for (var i = 0; i < 10; i++)
        {
            identities.HeaderFor($"token-{i}", Caller($"user-{i}", TimeSpan.FromHours(1)));
        }

        Assert.True(small.Count <= 3, $"{small.Count} entries in a cache of 3");
    }

    private ForwardedIdentityCache Cache() => new(Writer(), _cache, _clock, Lifetime);

    private GatewayIdentityTokenWriter Writer() => new(new string('k', 48), _clock, Lifetime);

    private ClaimsPrincipal Caller(string subject, TimeSpan expiresIn) => new(new ClaimsIdentity(
    [
        new Claim("sub", subject),
        new Claim("exp", (_clock.GetUtcNow() + expiresIn).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], "test"));
}
