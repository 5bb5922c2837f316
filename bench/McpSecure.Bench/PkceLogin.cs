using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpSecure.Bench;

/// <summary>
/// A real sign-in at McpSecure.Identity, as a public MCP client and its user's browser do it: authorization code with
/// PKCE S256 and an RFC 8707 resource, the login form filled in over plain HTTP, the code redeemed at the token endpoint.
/// </summary>
internal static partial class PkceLogin
{
    public static async Task<string> AccessTokenAsync(Uri issuer, string resource, string username, string password, string scopes)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(issuer, ".well-known/openid-configuration"))).RootElement;
        var authorize = new Uri(discovery.GetProperty("authorization_endpoint").GetString()!);
        var tokenEndpoint = new Uri(discovery.GetProperty("token_endpoint").GetString()!);

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        const string redirectUri = "http://127.0.0.1:19999/oauth/callback";
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = "mcp-client",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scopes,
            ["state"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["resource"] = resource,
        };
        var url = new Uri(authorize + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));

        HttpContent? form = null;
        for (var hop = 0; hop < 15; hop++)
        {
            using var response = form is null ? await http.GetAsync(url) : await http.PostAsync(url, form);
            form = null;
            if (response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
                {
                    var code = Parameter(url.Query, "code")
                        ?? throw new InvalidOperationException($"The provider sent no code back: {url.Query}");
                    return await RedeemAsync(http, tokenEndpoint, code, verifier, redirectUri);
                }
                continue;
            }
            var html = await response.Content.ReadAsStringAsync();
            if (!html.Contains("name=\"password\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Expected a redirect or the login form at {url}, got {(int)response.StatusCode}.");
            }
            var fields = new Dictionary<string, string>();
            foreach (Match input in InputTag().Matches(html))
            {
                if (Attribute(input.Value, "type") == "hidden" && Attribute(input.Value, "name") is { } name)
                {
                    fields[name] = Attribute(input.Value, "value") ?? "";
                }
            }
            fields["username"] = username;
            fields["password"] = password;
            if (FormAction().Match(html) is { Success: true } action)
            {
                url = new Uri(url, WebUtility.HtmlDecode(action.Groups["action"].Value));
            }
            form = new FormUrlEncodedContent(fields);
        }
        throw new InvalidOperationException("The login did not reach the redirect URI within 15 hops.");
    }

    private static async Task<string> RedeemAsync(HttpClient http, Uri tokenEndpoint, string code, string verifier, string redirectUri)
    {
        using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "mcp-client",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = redirectUri,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint refused the code: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static string? Parameter(string query, string name) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $@"\b{name}\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();
}
