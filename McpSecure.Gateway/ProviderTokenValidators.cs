using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway;

/// <summary>
/// RFC 7662 introspection: the provider says whether the token is active, for which audience and scopes. The
/// verdict is cached under the token's SHA-256 (never the token itself), never past the token's expiry.
/// </summary>
public sealed class IntrospectionTokenValidator(IHttpClientFactory httpClients, AuthorizationServerMetadataCache metadata,
    IOptions<GatewayOptions> options, IMemoryCache cache, TimeProvider time) : IOpaqueTokenValidator
{
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InactiveCacheDuration = TimeSpan.FromSeconds(10);

    public async Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = ProviderAnswers.CacheKey("introspection", token);
        if (cache.TryGetValue<ProviderAnswers.Verdict>(key, out var cached))
        {
            return cached!.PrincipalOrThrow();
        }

        var gateway = options.Value;
        var settings = gateway.TokenValidation;
        var endpoint = await ProviderAnswers.EndpointAsync(metadata, "introspection_endpoint", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" }),
        };
        // RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic encoding.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(settings.ClientId!)}:{Uri.EscapeDataString(settings.ClientSecret!)}")));

        using var document = await ProviderAnswers.SendAsync(httpClients, request, "introspection", cancellationToken);
        var answer = document.RootElement;
        var now = time.GetUtcNow();

        ProviderAnswers.Verdict verdict;
        if (!answer.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.True)
        {
            verdict = new(null, new InactiveTokenException("The token is not active: the authorization server reports it expired, revoked or unknown."));
            cache.Set(key, verdict, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = InactiveCacheDuration, Size = 1 });
            return verdict.PrincipalOrThrow();
        }

        var expires = answer.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        verdict = new(Check(answer, gateway, expires, now), null);
        var keepUntil = now + (settings.CacheDuration ?? DefaultCacheDuration);
        if (expires is { } tokenExpiry && tokenExpiry < keepUntil)
        {
            keepUntil = tokenExpiry;
        }
        if (keepUntil > now)
        {
            cache.Set(key, verdict, new MemoryCacheEntryOptions { AbsoluteExpiration = keepUntil, Size = 1 });
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
        var audiences = ProviderAnswers.Strings(answer, "aud");
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
        return ProviderAnswers.Principal(answer, "introspection");
    }
}

/// <summary>
/// The nginx design's check, for compatibility: the provider's userinfo endpoint must accept the token. It proves
/// neither audience nor scopes (options validation refuses required scopes in this mode). Not cached unless
/// <see cref="TokenValidationOptions.CacheDuration"/> is set, so every request costs a provider round trip.
/// </summary>
public sealed class UserInfoTokenValidator(IHttpClientFactory httpClients, AuthorizationServerMetadataCache metadata,
    IOptions<GatewayOptions> options, IMemoryCache cache) : IOpaqueTokenValidator
{
    public async Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var key = ProviderAnswers.CacheKey("userinfo", token);
        if (cache.TryGetValue<ProviderAnswers.Verdict>(key, out var cached))
        {
            return cached!.PrincipalOrThrow();
        }

        var endpoint = await ProviderAnswers.EndpointAsync(metadata, "userinfo_endpoint", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var document = await ProviderAnswers.SendAsync(httpClients, request, "userinfo", cancellationToken);

        var principal = ProviderAnswers.Principal(document.RootElement, "userinfo");
        if (options.Value.TokenValidation.CacheDuration is { } duration && duration > TimeSpan.Zero)
        {
            cache.Set(key, new ProviderAnswers.Verdict(principal, null), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration, Size = 1 });
        }
        return principal;
    }
}

/// <summary>What both provider-backed validators share: endpoint lookup, the call, the cache entry, the principal.</summary>
internal static class ProviderAnswers
{
    public sealed record Verdict(ClaimsPrincipal? Principal, Exception? Failure)
    {
        public ClaimsPrincipal PrincipalOrThrow() => Principal ?? throw Failure!;
    }

    public static string CacheKey(string kind, string token) => $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}";

    public static async Task<Uri> EndpointAsync(AuthorizationServerMetadataCache metadata, string name, CancellationToken cancellationToken)
    {
        var result = await metadata.GetAsync(cancellationToken);
        if (result.Document is not { } document)
        {
            throw new AuthorizationServerUnavailableException($"The authorization server is unreachable: {result.Problem}");
        }
        return document[name]?.GetValue<string>() is { } value && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new AuthorizationServerUnavailableException($"The authorization server does not advertise a {name}.");
    }

    public static async Task<JsonDocument> SendAsync(IHttpClientFactory httpClients, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(AuthorizationServerMetadataCache.HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AuthorizationServerUnavailableException($"The authorization server's {what} endpoint is unreachable.");
        }
        using (response)
        {
            if (what == "userinfo" && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new InactiveTokenException("The authorization server's userinfo endpoint rejected the token.");
            }
            if (!response.IsSuccessStatusCode)
            {
                // For introspection a 401 means the gateway's own credentials are wrong: an operator's problem, not the caller's.
                throw new AuthorizationServerUnavailableException($"The authorization server's {what} endpoint answered HTTP {(int)response.StatusCode}.");
            }
            try
            {
                return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            }
            catch (JsonException)
            {
                throw new AuthorizationServerUnavailableException($"The authorization server's {what} endpoint did not answer JSON.");
            }
        }
    }

    public static string[] Strings(JsonElement answer, string name) =>
        !answer.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
        : [];

    /// <summary>The answer's claims (strings, numbers and arrays of strings), as the JWT handler would produce them.</summary>
    public static ClaimsPrincipal Principal(JsonElement answer, string authenticationType)
    {
        var claims = new List<Claim>();
        foreach (var property in answer.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    claims.Add(new Claim(property.Name, property.Value.GetString()!));
                    break;
                case JsonValueKind.Number:
                    claims.Add(new Claim(property.Name, property.Value.GetRawText(), ClaimValueTypes.Integer64));
                    break;
                case JsonValueKind.Array:
                    claims.AddRange(Strings(answer, property.Name).Select(v => new Claim(property.Name, v)));
                    break;
            }
        }
        if (!claims.Any(c => c.Type == "preferred_username") && claims.FirstOrDefault(c => c.Type == "username") is { } username)
        {
            claims.Add(new Claim("preferred_username", username.Value));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "name", "role"));
    }
}
