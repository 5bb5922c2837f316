using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpSecure.Gateway.Discovery;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// What both provider-backed validators share: finding the endpoint in the provider's discovery document,
/// calling it, and turning transport failures into <see cref="AuthorizationServerUnavailableException"/>.
/// </summary>
internal sealed class ProviderEndpointClient(IHttpClientFactory httpClients, AuthorizationServerMetadataCache metadata)
{
    /// <summary>The key a verdict is cached under: the token's SHA-256, never the token itself.</summary>
    public static string CacheKey(string kind, string token) => $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}";

    public async Task<Uri> EndpointAsync(string name, CancellationToken cancellationToken)
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

    /// <param name="what">The endpoint's name in messages.</param>
    /// <param name="refusalMeansInactive">
    /// Whether a 401/403 is the provider's verdict on the token (userinfo) rather than on the gateway's own
    /// credentials (introspection, where it is an operator's problem, not the caller's).
    /// </param>
    public async Task<JsonDocument> SendAsync(HttpRequestMessage request, string what, bool refusalMeansInactive, CancellationToken cancellationToken)
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
            if (refusalMeansInactive && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new InactiveTokenException($"The authorization server's {what} endpoint rejected the token.");
            }
            if (!response.IsSuccessStatusCode)
            {
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
}
