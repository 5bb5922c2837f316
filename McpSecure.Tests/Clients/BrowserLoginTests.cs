using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
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
        var callback = $"http://127.0.0.1:{ClientTools.FreeTcpPort()}/callback";
        var verifier = PkceLogin.NewCodeVerifier();
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

        // The client's loopback listener: the browser's arrival there is the end of the flow.
        using var listener = new LoopbackCallbackListener(new Uri(callback));

        await page.GotoAsync(AuthorizeUrl(callback, state, PkceLogin.CodeChallenge(verifier), "openid profile mcp:tools"));

        // The login page names the product, the client and the scopes it asks for.
        Assert.Equal("Sign in · McpSecure", await page.TitleAsync());
        var request = page.GetByRole(AriaRole.Region, new() { Name = "Authorization request" });
        Assert.Contains("mcp:tools", await request.InnerTextAsync());
        await HeadlessChromium.ScreenshotAsync(page, "identity-login-page.png");

        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-dev-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ApproveConsentIfShownAsync(page, callback);

        var redirect = await listener.Arrival.WaitAsync(TimeSpan.FromSeconds(30));
        var parameters = PkceLogin.ParseQuery(redirect.Query);
        Assert.Equal(state, parameters["state"]);
        var code = Assert.Contains("code", parameters);

        var token = await RedeemAsync(code, callback, verifier);
        await AssertToolCallSucceedsAsync(token);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error_on_the_login_page()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var callback = $"http://127.0.0.1:{ClientTools.FreeTcpPort()}/callback";
        await page.GotoAsync(AuthorizeUrl(callback, "s", PkceLogin.CodeChallenge(PkceLogin.NewCodeVerifier()), "openid mcp:tools"));

        // An unknown user, so that no seeded account moves towards lockout.
        await page.GetByLabel("Username").FillAsync("nobody");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

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
        var callback = $"http://127.0.0.1:{ClientTools.FreeTcpPort()}/callback";
        await page.GotoAsync(AuthorizeUrl(callback, "s", PkceLogin.CodeChallenge(PkceLogin.NewCodeVerifier()), "openid profile mcp:tools"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "login page");

        await page.GetByLabel("Username").FillAsync("nobody");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "login page with an error");
    }

    [Fact]
    public async Task A_dynamically_registered_client_gets_an_accessible_consent_page_and_then_a_working_code()
    {
        var callback = $"http://127.0.0.1:{ClientTools.FreeTcpPort()}/callback";
        var clientId = await Identity.IdentityBrowser.RegisterClientAsync(new Uri(fixture.Issuer), callback, "Chromium consent test");
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        var verifier = PkceLogin.NewCodeVerifier();
        using var listener = new LoopbackCallbackListener(new Uri(callback));

        await page.GotoAsync(AuthorizeUrl(callback, "consent", PkceLogin.CodeChallenge(verifier), "openid mcp:tools", clientId));
        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("alice-dev-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

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
        var code = Assert.Contains("code", PkceLogin.ParseQuery(redirect.Query));
        await AssertToolCallSucceedsAsync(await RedeemAsync(code, callback, verifier, clientId));
    }

    /// <summary>When the provider shows a consent page before redirecting, approve it (and check it too).</summary>
    private static async Task ApproveConsentIfShownAsync(IPage page, string callback)
    {
        await page.WaitForURLAsync(url => url.StartsWith(callback, StringComparison.Ordinal) || !url.Contains("/account/login", StringComparison.OrdinalIgnoreCase));
        if (page.Url.StartsWith(callback, StringComparison.Ordinal))
        {
            return;
        }
        var approve = page.Locator("form button, form input[type=submit]").Filter(new() { HasTextRegex = new("allow|approve|accept|authori[sz]e|grant|continue|yes", System.Text.RegularExpressions.RegexOptions.IgnoreCase) });
        if (await approve.CountAsync() > 0)
        {
            await HeadlessChromium.ScreenshotAsync(page, "identity-consent-page.png");
            await Accessibility.AssertNoSeriousViolationsAsync(page, "consent page");
            await approve.First.ClickAsync();
        }
    }

    private string AuthorizeUrl(string redirectUri, string state, string challenge, string scope, string clientId = PkceLogin.ClientId) =>
        new Uri(new Uri(fixture.Issuer), "connect/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["resource"] = fixture.McpUrl.AbsoluteUri,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))).AbsoluteUri;

    private async Task<string> RedeemAsync(string code, string redirectUri, string verifier, string clientId = PkceLogin.ClientId)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.PostAsync(new Uri(new Uri(fixture.Issuer), "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["resource"] = fixture.McpUrl.AbsoluteUri,
        }));
        Assert.True(response.IsSuccessStatusCode, $"Token request failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private async Task AssertToolCallSucceedsAsync(string accessToken)
    {
        await using var client = await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.HttpClientTransport(
            new ModelContextProtocol.Client.HttpClientTransportOptions
            {
                Endpoint = fixture.McpUrl,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = new AuthenticationHeaderValue("Bearer", accessToken).ToString() },
            }));
        var result = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" });
        Assert.NotEqual(true, result.IsError);
    }
}
