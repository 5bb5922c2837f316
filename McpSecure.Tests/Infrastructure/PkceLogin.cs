using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// An authorization code + PKCE (S256) login performed the way a browser does it: follow the redirects of the
/// authorize request to the login page, post the form (with its antiforgery field), follow the redirects to the
/// client's loopback redirect URI, then redeem the code at the token endpoint as a public client.
/// </summary>
public static partial class PkceLogin
{
    public const string ClientId = "mcp-client";
    public const string DefaultScopes = "openid profile email offline_access mcp:tools";

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("id_token")] string? IdToken,
        [property: JsonPropertyName("scope")] string? Scope);

    /// <summary>What the authorization endpoint sent back to the client's redirect URI.</summary>
    public sealed record AuthorizationResponse(Uri RedirectedTo, IReadOnlyDictionary<string, string> Parameters)
    {
        public string? Code => Parameters.GetValueOrDefault("code");
        public string? Error => Parameters.GetValueOrDefault("error");
    }

    /// <summary>The provider's endpoints, from its discovery document, as a client finds them.</summary>
    public sealed record ProviderEndpoints(Uri Authorization, Uri Token)
    {
        public static async Task<ProviderEndpoints> DiscoverAsync(Uri issuer, CancellationToken cancellationToken = default)
        {
            using var http = EmbeddedAppFixture.CreateRawClient();
            var discovery = await http.GetFromJsonAsync<System.Text.Json.JsonElement>(
                new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration"), cancellationToken);
            return new(new Uri(discovery.GetProperty("authorization_endpoint").GetString()!), new Uri(discovery.GetProperty("token_endpoint").GetString()!));
        }
    }

    public static async Task<TokenResponse> GetTokenAsync(Uri issuer, string resource, string username, string password,
        string scopes = DefaultScopes, string clientId = ClientId, CancellationToken cancellationToken = default)
    {
        var endpoints = await ProviderEndpoints.DiscoverAsync(issuer, cancellationToken);
        var verifier = NewCodeVerifier();
        var redirectUri = $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/callback";
        var authorization = await AuthorizeAsync(endpoints.Authorization, new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scopes,
            ["state"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            ["code_challenge"] = CodeChallenge(verifier),
            ["code_challenge_method"] = "S256",
            ["resource"] = resource,
        }, username, password, cancellationToken);

        var code = authorization.Code ?? throw new InvalidOperationException(
            $"The authorization response has no code: {string.Join(", ", authorization.Parameters.Select(p => $"{p.Key}={p.Value}"))}");

        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.PostAsync(endpoints.Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["resource"] = resource,
        }), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Token request failed: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body)!;
    }

    /// <summary>
    /// Runs the browser part of the flow and returns the redirect to the client: follows redirects, fills in the
    /// login form (McpSecure.Identity's <c>username</c> field or oidc-provider's <c>login</c>), submits a consent
    /// form as is when one appears, and stops at the client's redirect URI.
    /// </summary>
    public static async Task<AuthorizationResponse> AuthorizeAsync(Uri authorizationEndpoint, IReadOnlyDictionary<string, string> parameters,
        string username, string password, CancellationToken cancellationToken = default)
    {
        var cookies = new CookieContainer();
        using var browser = EmbeddedAppFixture.CreateRawClient(cookies);
        var redirectUri = parameters["redirect_uri"];
        var url = new Uri(authorizationEndpoint + "?" + ToQuery(parameters));
        var formsPosted = 0;

        for (var hop = 0; hop < 20; hop++)
        {
            using var response = await browser.GetAsync(url, cancellationToken);
            if (response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
                {
                    return new AuthorizationResponse(url, ParseQuery(url.Query));
                }
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (formsPosted >= 3 || !html.Contains("<form", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Expected a redirect or a form at {url}, got {(int)response.StatusCode}: {HtmlForm.Excerpt(html)}");
            }

            // A page with a form: the login (fill in the credentials) or a consent page (submit it as it is).
            var form = HtmlForm.HiddenFields(html);
            if (html.Contains("name=\"password\"", StringComparison.Ordinal))
            {
                form[html.Contains("name=\"login\"", StringComparison.Ordinal) ? "login" : "username"] = username;
                form["password"] = password;
            }
            var action = HtmlForm.Action(html) is { } a ? new Uri(url, a) : url;
            using var posted = await browser.PostAsync(action, new FormUrlEncodedContent(form), cancellationToken);
            formsPosted++;
            if (posted.Headers.Location is not { } next)
            {
                throw new InvalidOperationException($"Posting the form at {url} as {username} did not redirect ({(int)posted.StatusCode}): {HtmlForm.Excerpt(await posted.Content.ReadAsStringAsync(cancellationToken))}");
            }
            url = next.IsAbsoluteUri ? next : new Uri(action, next);
            if (url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
            {
                return new AuthorizationResponse(url, ParseQuery(url.Query));
            }
        }
        throw new InvalidOperationException("Too many redirects during the login.");
    }

    public static string NewCodeVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string CodeChallenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string ToQuery(IReadOnlyDictionary<string, string> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    public static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "");
}
