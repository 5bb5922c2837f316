namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The user's part of an authorization request over plain HTTP, the way a browser does it: follows the redirects of
/// the authorization URL, fills in the login form (McpSecure.Identity's <c>username</c> field, LemonLDAP::NG's <c>user</c> or oidc-provider's
/// <c>login</c>) with the form's own hidden fields (antiforgery), answers McpSecure.Identity's consent page (Allow or
/// Deny, as a user clicks), submits any other provider's consent form as it is, and stops at the client's redirect URI.
/// </summary>
public static class HttpLoginBrowser
{
    private const int MaxHops = 20;
    private const int MaxFormsPosted = 3;

    /// <param name="cookies">The browser's cookie jar, to keep its sign-in across calls; a fresh one when null.</param>
    public static async Task<AuthorizationOutcome> AuthorizeAsync(Uri authorizationUrl, string redirectUri, string username, string password,
        ConsentChoice consent = ConsentChoice.Allow, CookieContainer? cookies = null, CancellationToken cancellationToken = default)
    {
        using var browser = EmbeddedAppFixture.CreateRawClient(cookies ?? new CookieContainer());
        var url = authorizationUrl;
        HttpContent? form = null;
        string? consentPage = null;
        var formsPosted = 0;

        for (var hop = 0; hop < MaxHops; hop++)
        {
            // GET the current URL, or POST the form filled in at the previous step.
            var posted = form is not null;
            using var response = posted ? await browser.PostAsync(url, form, cancellationToken) : await browser.GetAsync(url, cancellationToken);
            form = null;
            if (response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal))
                {
                    return new AuthorizationOutcome(url, QueryString.Parse(url.Query), consentPage);
                }
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.BadRequest && html.StartsWith("error:", StringComparison.Ordinal))
            {
                // OpenIddict's error page ("name:value" lines): the request is refused before its redirect URI is trusted.
                var error = html.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => line.Split(':', 2))
                    .Where(pair => pair.Length == 2)
                    .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
                return new AuthorizationOutcome(url, error, consentPage, ReachedClient: false);
            }
            if (posted && IsLoginPage(html))
            {
                throw new InvalidOperationException($"Signing in as {username} at {url} was refused ({(int)response.StatusCode}): {HtmlForm.Excerpt(html)}");
            }
            if (response.StatusCode != HttpStatusCode.OK || formsPosted >= MaxFormsPosted || !html.Contains("<form", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Expected a redirect or a form at {url}, got {(int)response.StatusCode}: {HtmlForm.Excerpt(html)}");
            }

            var fields = HtmlForm.HiddenFields(html);
            if (IsLoginPage(html))
            {
                fields[UserNameField(html)] = username;
                fields["password"] = password;
            }
            else if (html.Contains("name=\"consent\"", StringComparison.Ordinal))
            {
                consentPage = html;
                fields["consent"] = consent == ConsentChoice.Allow ? "allow" : "deny";
            }
            // Any other form (oidc-provider's consent page) is submitted as it is.

            url = HtmlForm.Action(html) is { } action ? new Uri(url, action) : url;
            form = new FormUrlEncodedContent(fields);
            formsPosted++;
        }
        throw new InvalidOperationException("Too many redirects during the authorization.");
    }

    /// <summary>oidc-provider's <c>login</c>, LemonLDAP::NG's <c>user</c>, or McpSecure.Identity's <c>username</c>.</summary>
    private static string UserNameField(string html) =>
        html.Contains("name=\"login\"", StringComparison.Ordinal) ? "login"
        : html.Contains("name=\"user\"", StringComparison.Ordinal) ? "user"
        : "username";

    private static bool IsLoginPage(string html) => html.Contains("name=\"password\"", StringComparison.Ordinal);
}
