using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// A browser over plain HTTP (its own cookies, redirects followed one by one) for the federation sign-in: through
/// McpSecure.Identity to the upstream provider's own login and consent forms, and back. Tests stop it at the upstream
/// response to our callback, to replay or alter that response as an attacker would.
/// </summary>
public sealed class FederationHttpBrowser : IDisposable
{
    private readonly HttpClient _http;

    public FederationHttpBrowser()
    {
        Cookies = new CookieContainer();
        _http = EmbeddedAppFixture.CreateRawClient(Cookies);
    }

    public CookieContainer Cookies { get; }

    public sealed record Page(Uri Url, HttpStatusCode Status, string Body);

    /// <summary>
    /// Opens <paramref name="start"/> and signs in at the upstream provider as <paramref name="login"/> (any password),
    /// approving its consent form, until the browser is sent to a URL for which <paramref name="stopAt"/> holds: that URL,
    /// not opened.
    /// </summary>
    public async Task<Uri> SignInUpstreamAsync(Uri start, string login, Func<Uri, bool> stopAt, CancellationToken cancellationToken = default)
    {
        var url = start;
        for (var step = 0; step < 20; step++)
        {
            if (stopAt(url))
            {
                return url;
            }
            using var response = await _http.GetAsync(url, cancellationToken);
            if (response.Headers.Location is { } location)
            {
                url = new Uri(url, location);
                continue;
            }
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            var action = HtmlForm.Action(html) is { } formAction ? new Uri(url, formAction) : url;
            if (html.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                var fields = HtmlForm.HiddenFields(html);
                fields["login"] = login;
                fields["password"] = "any-upstream-password";
                url = await PostAsync(action, fields, cancellationToken);
                continue;
            }
            if (HtmlForm.HiddenFields(html).GetValueOrDefault("prompt") == "consent")
            {
                url = await PostAsync(action, HtmlForm.HiddenFields(html), cancellationToken);
                continue;
            }
            throw new InvalidOperationException($"Unexpected page at {url}: {(int)response.StatusCode} {HtmlForm.Excerpt(html[Math.Max(0, html.IndexOf("<body", StringComparison.Ordinal))..])}");
        }
        throw new InvalidOperationException($"The sign-in did not reach the expected URL within 20 steps (last: {url}).");
    }

    /// <summary>Opens <paramref name="url"/> and follows redirects until one leaves for <paramref name="clientRedirect"/>'s origin (returned unopened) or a page answers.</summary>
    public async Task<Page> FollowAsync(Uri url, Uri clientRedirect, CancellationToken cancellationToken = default)
    {
        for (var step = 0; step < 10; step++)
        {
            if (url.GetLeftPart(UriPartial.Authority) == clientRedirect.GetLeftPart(UriPartial.Authority))
            {
                return new Page(url, HttpStatusCode.Redirect, "");
            }
            using var response = await _http.GetAsync(url, cancellationToken);
            if (response.Headers.Location is { } location)
            {
                url = new Uri(url, location);
                continue;
            }
            return new Page(url, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        throw new InvalidOperationException($"Too many redirects from {url}.");
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        await _http.SendAsync(request, cancellationToken);

    private async Task<Uri> PostAsync(Uri action, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(action, new FormUrlEncodedContent(fields), cancellationToken);
        return response.Headers.Location is { } location
            ? new Uri(action, location)
            : throw new InvalidOperationException($"The form at {action} answered {(int)response.StatusCode} without a redirect: " +
                HtmlForm.Excerpt(await response.Content.ReadAsStringAsync(cancellationToken)));
    }

    public void Dispose() => _http.Dispose();
}
