using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// JWT validation with a verdict cache: a token that passed every check (signature, issuer, audience, lifetime,
/// algorithm, <c>typ</c>) is not checked again for <see cref="TokenValidationOptions.CacheDuration"/> (5 min by default),
/// and never past its own <c>exp</c>. Keyed by the token's SHA-256 and bounded by the gateway's memory cache size limit;
/// refusals are not cached (each one is checked in full). Each hit gets its own copy of the identity.
/// </summary>
internal sealed class CachingJsonWebTokenHandler(IMemoryCache cache, TimeProvider time, TimeSpan cacheDuration) : JsonWebTokenHandler
{
    private const string Kind = "jwt";

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        var key = TokenHash.Of(Kind, token);
        if (cache.TryGetValue<ValidatedToken>(key, out var cached) && cached!.Expires > now)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = cached.Identity.Clone(),
                SecurityToken = cached.Token,
                TokenType = cached.TokenType,
                Issuer = cached.Token.Issuer,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is { } identity)
        {
            var keepUntil = now + cacheDuration;
            var expires = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
            if (expires < keepUntil)
            {
                keepUntil = expires;
            }
            if (keepUntil > now)
            {
                cache.Set(key, new ValidatedToken(identity.Clone(), jwt, result.TokenType, keepUntil),
                    new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = keepUntil - now, Size = 1 });
            }
        }
        return result;
    }

    private sealed record ValidatedToken(ClaimsIdentity Identity, JsonWebToken Token, string? TokenType, DateTimeOffset Expires);
}
