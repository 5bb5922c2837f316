using McpSecure.Tests.Infrastructure;
using Microsoft.Playwright;

namespace McpSecure.Tests.Clients;

/// <summary>
/// A real browser (Debian's Chromium via Playwright) goes through the authorization code flow the way a person
/// does: the login page shows who asks for what, a wrong password gets a clear error, the right one sends the
/// browser to the client's loopback redirect URI with a code that redeems for a working token. Screenshots of the
/// login page are kept in TestResults/artifacts; axe checks the pages for serious or critical accessibility issues.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class BrowserLoginTests(EmbeddedAppFixture fixture)
{
    [Fact]
    public async Task Chromium_signs_in_on_the_login_page_and_the_code_it_brings_back_calls_the_mcp_server()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var request = Request("openid profile mcp:tools prometheus:read");

        // The client's loopback listener: the browser's arrival there is the end of the flow.
        using var listener = new LoopbackCallbackListener(new Uri(request.RedirectUri));

        await page.GotoAsync(AuthorizeUrl(request));

        // The login page names the product, the client and the scopes it asks for.
        Assert.Equal("Sign in · McpSecure", await page.TitleAsync());
        var shown = page.GetByRole(AriaRole.Region, new() { Name = "Authorization request" });
        Assert.Contains("mcp:tools", await shown.InnerTextAsync());
        await HeadlessChromium.ScreenshotAsync(page, "identity-login-page.png");

        await SignInAsync(page, "alice", "alice-dev-password");
        await ApproveConsentIfShownAsync(page, request.RedirectUri);

        var redirect = await listener.Arrival.WaitAsync(TimeSpan.FromSeconds(30));
        var parameters = QueryString.Parse(redirect.Query);
        Assert.Equal(request.State, parameters["state"]);
        var code = Assert.Contains("code", parameters);

        await AssertToolCallSucceedsAsync(await RedeemAsync(request, code));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error_on_the_login_page()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(AuthorizeUrl(Request("openid mcp:tools")));

        // An unknown user, so that no seeded account moves towards lockout.
        await SignInAsync(page, "nobody", "not-the-password");

        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Equal("Invalid username or password.", (await alert.InnerTextAsync()).Trim());
        Assert.Equal("", await page.GetByLabel("Password").InputValueAsync());
        Assert.StartsWith(fixture.Issuer, page.Url);
        await HeadlessChromium.ScreenshotAsync(page, "identity-login-page-error.png");
    }

    [Fact]
    public async Task The_login_page_has_no_serious_or_critical_accessibility_violations()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(AuthorizeUrl(Request("openid profile mcp:tools")));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "login page");

        await SignInAsync(page, "nobody", "not-the-password");
        await page.GetByRole(AriaRole.Alert).WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "login page with an error");
    }

    [Fact]
    public async Task A_dynamically_registered_client_gets_an_accessible_consent_page_and_then_a_working_code()
    {
        var callback = Loopback.RedirectUri();
        var clientId = await Identity.IdentityBrowser.RegisterClientAsync(new Uri(fixture.Issuer), callback, "Chromium consent test");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var request = Request("openid mcp:tools prometheus:read", clientId, callback);
        using var listener = new LoopbackCallbackListener(new Uri(callback));

        await page.GotoAsync(AuthorizeUrl(request));
        await SignInAsync(page, "alice", "alice-dev-password");

        // Not silent: the consent page names the client and what it asks for, and passes the accessibility check.
        var allow = page.GetByRole(AriaRole.Button, new() { Name = "Allow" });
        await allow.WaitForAsync();
        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains("Chromium consent test", text);
        Assert.Contains("mcp:tools", text);
        await HeadlessChromium.ScreenshotAsync(page, "identity-consent-page.png");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "consent page");
        await allow.ClickAsync();

        var redirect = await listener.Arrival.WaitAsync(TimeSpan.FromSeconds(30));
        var code = Assert.Contains("code", QueryString.Parse(redirect.Query));
        await AssertToolCallSucceedsAsync(await RedeemAsync(request, code));
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>When the provider shows a consent page before redirecting, approve it (and check it too).</summary>
    private static async Task ApproveConsentIfShownAsync(IPage page, string callback)
    {
        await page.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal) || !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase));
        if (page.Url.StartsWith(callback, StringComparison.Ordinal))
        {
            return;
        }
        var approve = ChromiumAuthorization.ApproveButtons(page);
        if (await approve.CountAsync() > 0)
        {
            await HeadlessChromium.ScreenshotAsync(page, "identity-consent-page.png");
            await Accessibility.AssertNoSeriousViolationsAsync(page, "consent page");
            await approve.First.ClickAsync();
        }
    }

    private AuthorizationRequest Request(string scope, string clientId = AuthorizationRequest.PublicClientId, string? redirectUri = null) =>
        AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, scope, clientId, redirectUri);

    private string AuthorizeUrl(AuthorizationRequest request) => request.Url(Identity.IdentityBrowser.AuthorizationEndpoint(new Uri(fixture.Issuer))).AbsoluteUri;

    private async Task<string> RedeemAsync(AuthorizationRequest request, string code)
    {
        var (status, body) = await Identity.IdentityBrowser.TokenAsync(new Uri(fixture.Issuer), request.CodeRedemption(code));
        Assert.True(status == HttpStatusCode.OK, $"Token request failed: {(int)status} {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    private async Task AssertToolCallSucceedsAsync(string accessToken)
    {
        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, accessToken);
        await McpAssert.ServesRealDataAsync(client);
    }
}
