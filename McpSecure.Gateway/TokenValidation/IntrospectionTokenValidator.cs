using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// <see cref="TokenValidationMode.Introspection"/> (RFC 7662): the provider says whether the token is active, for
/// which audience and scopes. The verdict is cached under the token's SHA-256 (never the token itself), never
/// past the token's expiry.
/// </summary>
internal sealed class IntrospectionTokenValidator(ProviderEndpointClient provider, IOptions<GatewayOptions> options, IMemoryCache cache,
    TimeProvider time) : IOpaqueTokenValidator
{
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InactiveCacheDuration = TimeSpan.FromSeconds(10);
    private const string AuthenticationType = "introspection";

    public async Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = ProviderEndpointClient.CacheKey(AuthenticationType, token);
        if (cache.TryGetValue<ProviderVerdict>(key, out var cached))
        {
            return cached!.PrincipalOrThrow();
        }

        var gateway = options.Value;
        var validation = gateway.TokenValidation;
        var endpoint = await provider.EndpointAsync("introspection_endpoint", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" }),
        };
        // RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic encoding.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(validation.ClientId!)}:{Uri.EscapeDataString(validation.ClientSecret!)}")));

        using var document = await provider.SendAsync(request, AuthenticationType, refusalMeansInactive: false, cancellationToken);
        var answer = document.RootElement;
        var now = time.GetUtcNow();

        ProviderVerdict verdict;
        if (!answer.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.True)
        {
            verdict = new(null, new InactiveTokenException("The token is not active: the authorization server reports it expired, revoked or unknown."));
            cache.Set(key, verdict, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = InactiveCacheDuration, Size = 1 });
            return verdict.PrincipalOrThrow();
        }

        var expires = answer.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        verdict = new(Check(answer, gateway, expires, now), null);
        var keepUntil = now + (validation.CacheDuration ?? DefaultCacheDuration);
        if (expires is { } tokenExpiry && tokenExpiry < keepUntil)
        {
            keepUntil = tokenExpiry;
        }
        if (keepUntil > now)
        {
            cache.Set(key, verdict, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = keepUntil - now, Size = 1 });
        }
        return verdict.PrincipalOrThrow();
    }

    /// <summary>The same checks as for a JWT: issuer, audience bound to this resource, expiry.</summary>
    private static ClaimsPrincipal Check(JsonElement answer, GatewayOptions gateway, DateTimeOffset? expires, DateTimeOffset now)
    {
        if (answer.TryGetProperty("iss", out var iss) && !gateway.AuthorizationServer.IsIssuer(iss.GetString() ?? ""))
        {
            throw new SecurityTokenInvalidIssuerException("issuer");
        }
        var audiences = ProviderClaims.Strings(answer, "aud");
        var accepted = gateway.AuthorizationServer.AdditionalAudiences.Append(gateway.ResourceUri.AbsoluteUri);
        if (!audiences.Intersect(accepted, StringComparer.Ordinal).Any())
        {
            // No audience at all is refused too: the token could be meant for any resource of the provider.
            throw new SecurityTokenInvalidAudienceException("audience");
        }
        if (expires is { } expiry && expiry + gateway.AuthorizationServer.ClockSkew < now)
        {
            throw new SecurityTokenExpiredException("expired") { Expires = expiry.UtcDateTime };
        }
        return ProviderClaims.Principal(answer, AuthenticationType);
    }
}
