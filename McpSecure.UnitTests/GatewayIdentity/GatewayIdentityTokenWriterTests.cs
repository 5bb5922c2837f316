using System.Security.Claims;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.UnitTests.GatewayIdentity;

/// <summary>The gateway's side of the contract: what a forwarded identity contains.</summary>
public sealed class GatewayIdentityTokenWriterTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Only_the_forwarded_claims_are_copied_and_repeated_ones_stay_a_list()
    {
        var caller = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "bob"), new Claim("role", "reader"), new Claim("role", "admin"),
            new Claim("scope", "mcp:tools"), new Claim("jti", "token-id"), new Claim("secret_hint", "do-not-forward"),
        ], "Bearer"));

        var token = new JsonWebToken(new GatewayIdentityTokenWriter(GatewayIdentityServer.Key, Clock).Write(caller));

        Assert.Equal("bob", token.Subject);
        Assert.Equal(["reader", "admin"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.False(token.TryGetClaim("jti", out _));
        Assert.False(token.TryGetClaim("secret_hint", out _));
        Assert.Equal(GatewayIdentityDefaults.Issuer, token.Issuer);
        Assert.Equal([GatewayIdentityDefaults.Audience], token.Audiences);
        Assert.Equal("HS256", token.Alg);
    }

    [Fact]
    public void Lifetime_starts_at_the_writer_clock()
    {
        var token = new JsonWebToken(new GatewayIdentityTokenWriter(GatewayIdentityServer.Key, Clock, TimeSpan.FromSeconds(90))
            .Write(GatewayIdentityServer.User("alice")));

        Assert.Equal(Clock.GetUtcNow().UtcDateTime, token.ValidFrom);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime.AddSeconds(90), token.ValidTo);
    }

    [Theory]
    [InlineData("")]
    [InlineData("31-bytes-is-one-byte-too-short!")]
    public void Writer_refuses_a_key_shorter_than_32_bytes(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new GatewayIdentityTokenWriter(key, Clock));

        Assert.Contains("signing key", error.Message);
    }

    [Fact]
    public void Writer_refuses_a_lifetime_that_is_not_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GatewayIdentityTokenWriter(GatewayIdentityServer.Key, Clock, TimeSpan.Zero));
}
