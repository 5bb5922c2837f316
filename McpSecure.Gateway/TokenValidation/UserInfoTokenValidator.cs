using System.Net.Http.Headers;
using System.Security.Claims;
using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// <see cref="TokenValidationMode.UserInfo"/>: the provider's userinfo endpoint must accept the token. It proves
/// neither audience nor scopes (options validation refuses required scopes in this mode). Not cached unless
/// <see cref="TokenValidationOptions.CacheDuration"/> is set, so every request costs a provider round trip.
/// </summary>
internal sealed class UserInfoTokenValidator(ProviderEndpointClient provider, IOptions<GatewayOptions> options, IMemoryCache cache)
    : IOpaqueTokenValidator
{
    private const string AuthenticationType = "userinfo";

    public async Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = ProviderEndpointClient.CacheKey(AuthenticationType, token);
        if (cache.TryGetValue<ProviderVerdict>(key, out var cached))
        {
            return cached!.PrincipalOrThrow();
        }

        var endpoint = await provider.EndpointAsync("userinfo_endpoint", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var document = await provider.SendAsync(request, AuthenticationType, refusalMeansInactive: true, cancellationToken);

        var principal = ProviderClaims.Principal(document.RootElement, AuthenticationType);
        if (options.Value.TokenValidation.CacheDuration is { } duration && duration > TimeSpan.Zero)
        {
            cache.Set(key, new ProviderVerdict(principal, null), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration, Size = 1 });
        }
        return principal;
    }
}
