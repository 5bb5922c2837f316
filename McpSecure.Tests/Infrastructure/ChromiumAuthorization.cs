using Microsoft.Playwright;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The user's part of an authorization request, done in Chromium for an in-process client: open the client's
/// authorization URL, sign in, approve the consent page if the provider shows one, and capture the browser's
/// arrival at the client's loopback redirect URI. In federation mode the provider sends the browser to the
/// organisation's provider first: its login and consent pages are answered too, and named <c>upstream login</c> and
/// <c>upstream consent</c> in <see cref="Outcome.PagesSeen"/> (pages at the authorization URI's origin are <c>login</c>
/// and <c>consent</c>), whatever it calls its user name field (<c>username</c>, oidc-provider's <c>login</c>,
/// LemonLDAP::NG's <c>user</c>).
/// </summary>
public static class ChromiumAuthorization
{
    private static readonly System.Text.RegularExpressions.Regex ApproveButtonText =
        new("allow|approve|accept|authori[sz]e|grant|continue|yes", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    public sealed record Outcome(Uri RedirectedTo, IReadOnlyList<string> PagesSeen)
    {
        public IReadOnlyDictionary<string, string> Parameters => QueryString.Parse(RedirectedTo.Query);
    }

    public static async Task<Outcome> CompleteAsync(HeadlessChromium chromium, Uri authorizationUri, Uri redirectUri,
        string username, string password, CancellationToken cancellationToken = default)
    {
        var page = await chromium.NewPageAsync();
        using var listener = new LoopbackCallbackListener(redirectUri);
        var arrived = listener.Arrival;
        var pages = new List<string>();
        string? failedRequest = null;
        page.RequestFailed += (_, request) => failedRequest = request.Url.Split('?')[0];
        await page.GotoAsync(authorizationUri.AbsoluteUri);
        var providerOrigin = authorizationUri.GetLeftPart(UriPartial.Authority);
        string PageName(string kind) =>
            arrived.IsCompleted || new Uri(page.Url).GetLeftPart(UriPartial.Authority) == providerOrigin ? kind : $"upstream {kind}";
        for (var step = 0; step < 8 && !arrived.IsCompleted; step++)
        {
            if (await page.Locator("input[name=password]").CountAsync() > 0)
            {
                pages.Add(PageName("login"));
                await page.Locator("input[name=username], input[name=login], input[name=user]").First.FillAsync(username);
                await page.FillAsync("input[name=password]", password);
                await SubmitAsync(page, page.Locator("form button[type=submit]").First, arrived);
                // McpSecure.Identity names a refusal in an alert (other providers use role="alert" for notices).
                if (!arrived.IsCompleted && new Uri(page.Url).GetLeftPart(UriPartial.Authority) == providerOrigin
                    && await page.GetByRole(AriaRole.Alert).CountAsync() > 0)
                {
                    throw new InvalidOperationException($"Login as {username} was refused: {await page.GetByRole(AriaRole.Alert).First.InnerTextAsync()}");
                }
                continue;
            }
            var approve = ApproveButtons(page);
            if (await approve.CountAsync() > 0)
            {
                pages.Add(PageName("consent"));
                await SubmitAsync(page, approve.First, arrived);
                continue;
            }
            throw new InvalidOperationException($"Unexpected page at {page.Url.Split('?')[0]} (failed request: {failedRequest ?? "none"}, expected redirect to {redirectUri}): {await page.Locator("body").InnerTextAsync()}");
        }
        var redirectedTo = await arrived.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        await page.Context.CloseAsync();
        return new Outcome(redirectedTo, pages);
    }

    /// <summary>The buttons of a consent form that grant the request, whatever the provider calls them.</summary>
    public static ILocator ApproveButtons(IPage page) =>
        page.Locator("form button, form input[type=submit]").Filter(new() { HasTextRegex = ApproveButtonText });

    /// <summary>Clicks a submit button and waits until the browser has left the page or reached the client.</summary>
    private static async Task SubmitAsync(IPage page, ILocator button, Task arrival)
    {
        var before = page.Url;
        await button.ClickAsync();
        await Task.WhenAny(arrival, page.WaitForURLAsync(url => url != before));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
