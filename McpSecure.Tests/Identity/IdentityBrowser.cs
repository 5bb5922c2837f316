using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

public enum ConsentChoice
{
    Allow,
    Deny,
}

/// <summary>
/// What came back to the client's redirect URI, and whether the user saw the consent page on the way; or, when the
/// provider refused to redirect (the request failed before the redirect URI could be trusted), the error it showed
/// the user (<see cref="ReachedClient"/> false).
/// </summary>
public sealed record AuthorizationOutcome(Uri RedirectedTo, IReadOnlyDictionary<string, string> Parameters, string? ConsentPage,
    bool ReachedClient = true)
{
    public string? Code => Parameters.GetValueOrDefault("code");
    public string? Error => Parameters.GetValueOrDefault("error");
    public string Describe() => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}

/// <summary>
/// A browser for the identity provider's pages: follows redirects from an authorization URL, fills in the login
/// form, answers the consent page (Allow or Deny, as a user clicks), and stops at the client's redirect URI.
/// Also the plain HTTP calls of a client: token requests and dynamic client registration.
/// </summary>
public static partial class IdentityBrowser
{
    public static Task<AuthorizationOutcome> AuthorizeAsync(Uri issuer, IReadOnlyDictionary<string, string> parameters,
        string username, string password, ConsentChoice consent = ConsentChoice.Allow, CookieContainer? cookies = null) =>
        AuthorizeAsync(new Uri(issuer, "connect/authorize?" + new FormUrlEncodedContent(parameters).ReadAsStringAsync().Result),
            parameters["redirect_uri"], username, password, consent, cookies);

    /// <param name="cookies">The browser's cookie jar, to keep its sign-in across calls; a fresh one when null.</param>
    public static async Task<AuthorizationOutcome> AuthorizeAsync(Uri authorizationUrl, string redirectUri,
        string username, string password, ConsentChoice consent = ConsentChoice.Allow, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        using var browser = EmbeddedAppFixture.CreateRawClient(cookies);
        var url = authorizationUrl;
        HttpContent? posted = null;
        string? consentPage = null;

        for (var hop = 0; hop < 15; hop++)
        {
            // GET the current URL, or POST the form filled in at the previous step.
            using var response = posted is null ? await browser.GetAsync(url) : await browser.PostAsync(url, posted);
            posted = null;
            if (response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
                {
                    return new AuthorizationOutcome(url, PkceLogin.ParseQuery(url.Query), consentPage);
                }
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.BadRequest && html.StartsWith("error:", StringComparison.Ordinal))
            {
                // OpenIddict's error page: "name:value" lines.
                var error = html.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => line.Split(':', 2))
                    .Where(pair => pair.Length == 2)
                    .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
                return new AuthorizationOutcome(url, error, consentPage, ReachedClient: false);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode} at {url}: {HtmlForm.Excerpt(html)}");
            }

            var form = HtmlForm.HiddenFields(html);
            if (html.Contains("name=\"password\"", StringComparison.Ordinal))
            {
                form["username"] = username;
                form["password"] = password;
            }
            else if (html.Contains("name=\"consent\"", StringComparison.Ordinal))
            {
                consentPage = html;
                form["consent"] = consent == ConsentChoice.Allow ? "allow" : "deny";
            }
            else
            {
                throw new InvalidOperationException($"Neither a login form nor a consent page at {url}: {HtmlForm.Excerpt(html)}");
            }

            url = HtmlForm.Action(html) is { } action ? new Uri(url, action) : url;
            posted = new FormUrlEncodedContent(form);
        }
        throw new InvalidOperationException("Too many redirects during the authorization.");
    }

    /// <summary>Authorization code + PKCE for <paramref name="clientId"/>, then the code redeemed at the token endpoint.</summary>
    public static async Task<(AuthorizationOutcome Authorization, JsonElement Token)> LoginAsync(Uri issuer, string clientId,
        string redirectUri, string resource, string username, string password, string scope = PkceLogin.DefaultScopes,
        ConsentChoice consent = ConsentChoice.Allow)
    {
        var verifier = PkceLogin.NewCodeVerifier();
        var authorization = await AuthorizeAsync(issuer, new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = "state-" + Guid.NewGuid().ToString("N"),
            ["code_challenge"] = PkceLogin.CodeChallenge(verifier),
            ["code_challenge_method"] = "S256",
            ["resource"] = resource,
        }, username, password, consent);
        Assert.True(authorization.Code is not null, $"No code in the authorization response: {authorization.Describe()}");

        var (status, token) = await TokenAsync(issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = authorization.Code!,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["resource"] = resource,
        });
        Assert.True(status == HttpStatusCode.OK, $"Token request failed: {(int)status} {token}");
        return (authorization, token);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Uri issuer, IReadOnlyDictionary<string, string> form,
        (string Id, string Secret)? basicAuthentication = null)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "connect/token")) { Content = new FormUrlEncodedContent(form) };
        if (basicAuthentication is { } client)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.Id)}:{Uri.EscapeDataString(client.Secret)}")));
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RegisterAsync(Uri issuer, object metadata)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var response = await http.PostAsJsonAsync(new Uri(issuer, "connect/register"), metadata);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    /// <summary>Registers a public loopback client and returns its id.</summary>
    public static async Task<string> RegisterClientAsync(Uri issuer, string redirectUri, string clientName)
    {
        var (status, body, response) = await RegisterAsync(issuer, new { redirect_uris = new[] { redirectUri }, client_name = clientName, token_endpoint_auth_method = "none" });
        response.Dispose();
        Assert.True(status == HttpStatusCode.Created, $"Registration failed: {(int)status} {body}");
        return body.GetProperty("client_id").GetString()!;
    }

    public static string LoopbackRedirectUri() => $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/callback";
}
