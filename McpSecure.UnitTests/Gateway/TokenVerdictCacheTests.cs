using System.Security.Claims;
using System.Security.Cryptography;
using McpSecure.Gateway.TokenValidation;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The JWT verdict cache: a token that passed is not checked again until the cache duration or its own expiry,
/// whichever comes first; refusals are never cached; the cache is bounded. A hit is proven by validating with
/// parameters that would refuse the token (another signing key): only a cached verdict can pass.
/// </summary>
public sealed class TokenVerdictCacheTests : IDisposable
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100 });

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_valid_token_is_checked_once_and_then_served_from_the_cache()
    {
        var handler = Handler();
        var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp");

        Assert.True((await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey))).IsValid);
        var again = await handler.ValidateTokenAsync(token, Parameters(OtherKey()));

        Assert.True(again.IsValid, "the second check should have come from the cache");
        Assert.Equal("alice-id", again.ClaimsIdentity.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task A_cached_verdict_ends_after_the_cache_duration()
    {
        var handler = Handler();
        var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp", d => d.Expires = DateTime.UtcNow.AddHours(1));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey))).IsValid);

        _clock.Advance(CacheDuration + TimeSpan.FromSeconds(1));

        Assert.False((await handler.ValidateTokenAsync(token, Parameters(OtherKey()))).IsValid);
    }

    [Fact]
    public async Task A_cached_verdict_never_outlives_the_tokens_expiry()
    {
        var handler = Handler();
        var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp", d => d.Expires = DateTime.UtcNow.AddSeconds(30));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey))).IsValid);

        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.False((await handler.ValidateTokenAsync(token, Parameters(OtherKey()))).IsValid);
    }

    [Fact]
    public async Task A_refusal_is_not_cached()
    {
        var handler = Handler();
        var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp");

        Assert.False((await handler.ValidateTokenAsync(token, Parameters(OtherKey()))).IsValid);

        Assert.Equal(0, _cache.Count);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey))).IsValid);
    }

    [Fact]
    public async Task Each_hit_gets_its_own_identity()
    {
        var handler = Handler();
        var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp");
        var first = await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey));
        var second = await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey));

        second.ClaimsIdentity.AddClaim(new Claim("role", "admin"));
        var third = await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey));

        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.DoesNotContain(third.ClaimsIdentity.FindAll("role"), c => c.Value == "admin");
        Assert.DoesNotContain(first.ClaimsIdentity.FindAll("role"), c => c.Value == "admin");
    }

    [Fact]
    public async Task The_cache_is_bounded_by_its_size_limit()
    {
        using var small = new MemoryCache(new MemoryCacheOptions { SizeLimit = 2 });
        var handler = new CachingJsonWebTokenHandler(small, _clock, CacheDuration);

        for (var i = 0; i < 5; i++)
        {
            var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp", d => d.Claims = new Dictionary<string, object> { ["n"] = i });
            Assert.True((await handler.ValidateTokenAsync(token, Parameters(FakeIdentityProvider.RsaKey))).IsValid);
        }

        Assert.True(small.Count <= 2, $"{small.Count} entries in a cache of 2");
    }

    [Fact]
    public void The_cache_key_is_a_hash_never_the_token()
    {
        var token = FakeIdentityProvider.CreateToken("https://mcp.test/mcp");

        var key = TokenHash.Of("jwt", token);

        Assert.DoesNotContain(token, key, StringComparison.Ordinal);
        Assert.Equal($"jwt:{Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))}", key);
    }

    private CachingJsonWebTokenHandler Handler() => new(_cache, _clock, CacheDuration);

    private static SecurityKey OtherKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = FakeIdentityProvider.RsaKey.KeyId };

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = FakeIdentityProvider.Issuer,
        ValidAudience = "https://mcp.test/mcp",
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
    };
}
