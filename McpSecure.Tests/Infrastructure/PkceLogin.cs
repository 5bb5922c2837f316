using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// An authorization code + PKCE (S256) login as a public client does it: find the provider's endpoints in its
/// discovery document, send the user through the <see cref="AuthorizationRequest"/> (<see cref="HttpLoginBrowser"/>),
/// then redeem the code at the token endpoint.
/// </summary>
public static class PkceLogin
{
    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("id_token")] string? IdToken,
        [property: JsonPropertyName("scope")] string? Scope);

    /// <summary>The provider's endpoints, from its discovery document, as a client finds them.</summary>
    public sealed record ProviderEndpoints(Uri Authorization, Uri Token)
    {
        public static async Task<ProviderEndpoints> DiscoverAsync(Uri issuer, CancellationToken cancellationToken = default)
        {
            using var http = EmbeddedAppFixture.CreateRawClient();
            var discovery = await http.GetFromJsonAsync<JsonElement>(
                new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration"), cancellationToken);
            return new(new Uri(discovery.GetProperty("authorization_endpoint").GetString()!), new Uri(discovery.GetProperty("token_endpoint").GetString()!));
        }
    }

    /// <summary>Signs <paramref name="username"/> in and returns the tokens of the redeemed code.</summary>
    public static async Task<TokenResponse> GetTokenAsync(Uri issuer, string resource, string username, string password,
        string scopes = AuthorizationRequest.DefaultScopes, string clientId = AuthorizationRequest.PublicClientId,
        CancellationToken cancellationToken = default) =>
        (await LoginAsync(issuer, AuthorizationRequest.Create(resource, scopes, clientId), username, password, cancellationToken: cancellationToken)).Token;

    /// <summary>Runs <paramref name="request"/> to its redirect, then redeems the code; fails the test when either step fails.</summary>
    public static async Task<(AuthorizationOutcome Authorization, TokenResponse Token)> LoginAsync(Uri issuer, AuthorizationRequest request,
        string username, string password, ConsentChoice consent = ConsentChoice.Allow, CancellationToken cancellationToken = default)
    {
        var endpoints = await ProviderEndpoints.DiscoverAsync(issuer, cancellationToken);
        var authorization = await HttpLoginBrowser.AuthorizeAsync(request.Url(endpoints.Authorization), request.RedirectUri,
            username, password, consent, cancellationToken: cancellationToken);
        var code = authorization.Code ?? throw new InvalidOperationException($"The authorization response has no code: {authorization.Describe()}");

        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.PostAsync(endpoints.Token, new FormUrlEncodedContent(request.CodeRedemption(code)), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Token request failed: {(int)response.StatusCode} {body}");
        return (authorization, JsonSerializer.Deserialize<TokenResponse>(body)!);
    }
}
