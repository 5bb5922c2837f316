using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;

namespace McpSecure.Tests.Federation;

/// <summary>
/// Federation mode end to end: the real AppHost with McpSecure.Identity federating with the npm <c>oidc-provider</c>
/// (no dynamic registration, one pre-registered confidential client). A client that knows only the gateway's URL
/// discovers McpSecure.Identity, the user signs in at the upstream provider's own login page, McpSecure.Identity
/// issues the token for the gateway and the MCP server sees the upstream user. Then the attacks on the upstream leg:
/// a response from the wrong issuer (mix-up), without <c>iss</c>, replayed, delivered to another browser, or carrying
/// another sign-in's code.
/// </summary>
[Collection(FederationAppCollection.Name)]
public sealed partial class FederationTests(FederationAppFixture fixture)
{
    private const string Scopes = "openid profile mcp:tools prometheus:read";

    private sealed record Discovered(string Issuer, Uri Authorization, Uri Token, Uri Registration);

    /// <summary>What a client does with only the gateway's URL, with the strict check of MCP 2026-07-28: the metadata's issuer is the one it was fetched for.</summary>
    private async Task<Discovered> DiscoverFromGatewayAsync()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var challenge = await http.PostAsync(fixture.McpUrl, new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        var resourceMetadata = ResourceMetadataParameter().Match(challenge.Headers.WwwAuthenticate.ToString()).Groups[1].Value;

        var protectedResource = await http.GetFromJsonAsync<JsonElement>(resourceMetadata);
        var issuer = protectedResource.GetProperty("authorization_servers")[0].GetString()!;
        var issuerUri = new Uri(issuer);
        var metadataUrl = new Uri(issuerUri, "/.well-known/oauth-authorization-server" + issuerUri.AbsolutePath.TrimEnd('/'));
        var metadata = await http.GetFromJsonAsync<JsonElement>(metadataUrl);
        Assert.Equal(issuer, metadata.GetProperty("issuer").GetString());
        return new Discovered(issuer,
            new Uri(metadata.GetProperty("authorization_endpoint").GetString()!),
            new Uri(metadata.GetProperty("token_endpoint").GetString()!),
            new Uri(metadata.GetProperty("registration_endpoint").GetString()!));
    }

    private bool IsOurCallback(Uri url) =>
        url.Authority == fixture.IdentityUrl.Authority && url.AbsolutePath == "/federation/callback";

    private async Task<(AuthorizationRequest Request, Uri Callback)> StartAtUpstreamAsync(FederationHttpBrowser browser, string login)
    {
        var discovered = await DiscoverFromGatewayAsync();
        var request = AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, Scopes);
        var callback = await browser.SignInUpstreamAsync(request.Url(discovered.Authorization), login, IsOurCallback);
        return (request, callback);
    }

    private static async Task<PkceLogin.TokenResponse> RedeemAsync(Uri tokenEndpoint, AuthorizationRequest request, Uri clientRedirect)
    {
        var code = QueryString.Parse(clientRedirect.Query)["code"];
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(request.CodeRedemption(code)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Token request failed: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<PkceLogin.TokenResponse>(body)!;
    }

    private static Uri WithQueryParameter(Uri url, string name, string? value)
    {
        var parameters = QueryString.Parse(url.Query);
        if (value is null)
        {
            parameters.Remove(name);
        }
        else
        {
            parameters[name] = value;
        }
        return new UriBuilder(url) { Query = QueryString.Format(parameters) }.Uri;
    }

    private static void AssertRefused(FederationHttpBrowser.Page page, string expectedReason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Sign-in failed", page.Body, StringComparison.Ordinal);
        Assert.Contains(expectedReason, WebUtility.HtmlDecode(page.Body), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("at Microsoft.", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_with_only_the_gateway_url_finds_mcpsecure_identity_whose_metadata_names_that_exact_issuer()
    {
        var discovered = await DiscoverFromGatewayAsync();

        Assert.Equal(fixture.Issuer, discovered.Issuer);
        Assert.NotEqual(fixture.UpstreamIssuer, discovered.Issuer.TrimEnd('/'));
        using var http = EmbeddedAppFixture.CreateRawClient();
        var upstream = await http.GetFromJsonAsync<JsonElement>($"{fixture.UpstreamIssuer}/.well-known/openid-configuration");
        Assert.False(upstream.TryGetProperty("registration_endpoint", out _), "the upstream provider must not offer dynamic registration here");
    }

    [Fact]
    public async Task A_user_signs_in_with_chromium_at_the_upstream_login_page_and_whoami_shows_the_upstream_user()
    {
        var discovered = await DiscoverFromGatewayAsync();
        var redirectUri = Loopback.RedirectUri();
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var registration = await http.PostAsync(discovered.Registration, new StringContent(
            JsonSerializer.Serialize(new { redirect_uris = new[] { redirectUri }, client_name = "Federation test client", token_endpoint_auth_method = "none" }),
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registration.StatusCode);
        var clientId = (await registration.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_id").GetString()!;
        var request = AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, Scopes, clientId, redirectUri);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        using var listener = new LoopbackCallbackListener(new Uri(redirectUri));
        var arrived = listener.Arrival;
        var pagesSeen = new List<string>();
        await page.GotoAsync(request.Url(discovered.Authorization).AbsoluteUri);
        for (var step = 0; step < 6 && !arrived.IsCompleted; step++)
        {
            if (page.Url.StartsWith(redirectUri, StringComparison.Ordinal))
            {
                break;
            }
            var host = new Uri(page.Url).Authority;
            var before = page.Url;
            if (await page.Locator("input[name=login]").CountAsync() > 0)
            {
                pagesSeen.Add($"login at {host}");
                await page.FillAsync("input[name=login]", "bob");
                await page.FillAsync("input[name=password]", "any-upstream-password");
                await page.Locator("form button[type=submit]").First.ClickAsync();
            }
            else if (await ChromiumAuthorization.ApproveButtons(page).CountAsync() > 0)
            {
                pagesSeen.Add($"consent at {host}");
                if (host == fixture.IdentityUrl.Authority)
                {
                    await HeadlessChromium.ScreenshotAsync(page, "federation-consent.png");
                }
                await ChromiumAuthorization.ApproveButtons(page).First.ClickAsync();
            }
            else
            {
                Assert.Fail($"Unexpected page at {page.Url.Split('?')[0]}: {await page.Locator("body").InnerTextAsync()}");
            }
            await Task.WhenAny(arrived, page.WaitForURLAsync(url => url != before));
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        var redirectedTo = await arrived.WaitAsync(TimeSpan.FromSeconds(60));

        var upstreamAuthority = new Uri(fixture.UpstreamIssuer).Authority;
        Assert.Equal($"login at {upstreamAuthority}", pagesSeen[0]);
        // A dynamically registered client never gets silent consent: our consent page, after the upstream's.
        Assert.Contains($"consent at {fixture.IdentityUrl.Authority}", pagesSeen);
        Assert.DoesNotContain(pagesSeen, seen => seen == $"login at {fixture.IdentityUrl.Authority}");

        var token = await RedeemAsync(discovered.Token, request, redirectedTo);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(fixture.Issuer, jwt.Issuer);
        Assert.Equal([fixture.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal("bob", jwt.Subject);

        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token.AccessToken);
        var whoami = McpAssert.SingleText(await client.CallToolAsync("whoami"));
        Assert.Contains("subject: bob", whoami);
        Assert.Contains("username: bob", whoami);
        Assert.Contains("Bob Upstream", whoami);
        // The upstream group mcp-admins is mapped to admin; every federated user is a reader.
        Assert.Contains("admin", whoami);
        Assert.Contains("reader", whoami);
    }

    [Fact]
    public async Task An_upstream_user_without_a_mapped_group_gets_only_the_default_role_and_the_upstream_email()
    {
        using var browser = new FederationHttpBrowser();
        var discovered = await DiscoverFromGatewayAsync();
        var (request, callback) = await StartAtUpstreamAsync(browser, "alice");

        var arrived = await browser.FollowAsync(callback, new Uri(request.RedirectUri));
        var token = await RedeemAsync(discovered.Token, request, arrived.Url);

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal("alice@upstream.example", jwt.GetClaim("email").Value);
        Assert.Equal(["reader"], jwt.Claims.Where(claim => claim.Type == "role").Select(claim => claim.Value));
        Assert.Equal(fixture.Issuer, QueryString.Parse(arrived.Url.Query)["iss"]);
    }

    [Fact]
    public async Task Mix_up_a_response_that_names_another_issuer_is_refused()
    {
        using var browser = new FederationHttpBrowser();
        var (request, callback) = await StartAtUpstreamAsync(browser, "mallory");

        var page = await browser.FollowAsync(WithQueryParameter(callback, "iss", "https://attacker.example"), new Uri(request.RedirectUri));

        AssertRefused(page, "The specified 'iss' parameter doesn't match the authorization server the authorization request was initially sent to");
    }

    [Fact]
    public async Task A_response_without_iss_is_refused_because_the_upstream_provider_advertises_it()
    {
        using var browser = new FederationHttpBrowser();
        var (request, callback) = await StartAtUpstreamAsync(browser, "mallory");

        var page = await browser.FollowAsync(WithQueryParameter(callback, "iss", null), new Uri(request.RedirectUri));

        AssertRefused(page, "The mandatory 'iss' parameter is missing");
    }

    [Fact]
    public async Task A_replayed_upstream_response_with_its_state_is_refused()
    {
        using var browser = new FederationHttpBrowser();
        var (request, callback) = await StartAtUpstreamAsync(browser, "carol");
        var first = await browser.FollowAsync(callback, new Uri(request.RedirectUri));
        Assert.Contains("code=", first.Url.Query);

        var replay = await browser.FollowAsync(callback, new Uri(request.RedirectUri));

        AssertRefused(replay, "invalid_token: The specified state token has already been redeemed");
    }

    [Fact]
    public async Task An_upstream_response_delivered_to_another_browser_is_refused()
    {
        using var victim = new FederationHttpBrowser();
        var (request, callback) = await StartAtUpstreamAsync(victim, "mallory");

        using var other = new FederationHttpBrowser();
        var page = await other.FollowAsync(callback, new Uri(request.RedirectUri));

        // Login CSRF: the state is bound to the browser that started the sign-in by a correlation cookie.
        AssertRefused(page, "No correlation cookie associated with the specified state can be found");
    }

    [Fact]
    public async Task A_code_from_another_sign_in_is_refused_because_it_was_not_issued_for_this_sign_ins_pkce_and_nonce()
    {
        using var browser = new FederationHttpBrowser();
        var (_, callbackA) = await StartAtUpstreamAsync(browser, "dave");
        var (requestB, callbackB) = await StartAtUpstreamAsync(browser, "dave");
        var codeA = QueryString.Parse(callbackA.Query)["code"];

        var page = await browser.FollowAsync(WithQueryParameter(callbackB, "code", codeA), new Uri(requestB.RedirectUri));

        // The upstream provider refuses code A with sign-in B's PKCE verifier before an ID token (and its nonce) is issued.
        AssertRefused(page, "invalid_grant: The token request was rejected by the remote server");
    }

    [Fact]
    public async Task There_are_no_local_accounts_the_password_form_is_gone_and_anonymous_users_go_upstream()
    {
        using var browser = new FederationHttpBrowser();
        using var get = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.IdentityUrl, "/account/login?ReturnUrl=%2F")));
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal("/federation/login?ReturnUrl=%2F", get.Headers.Location!.OriginalString);

        using var post = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.IdentityUrl, "/account/login"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = "alice-dev-password" }),
        });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        using var challenge = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.IdentityUrl, "/federation/login?ReturnUrl=%2F")));
        Assert.True(challenge.Headers.Location is { } location && location.AbsoluteUri.StartsWith(fixture.UpstreamIssuer + "/", StringComparison.Ordinal),
            $"expected a redirect to {fixture.UpstreamIssuer}, got {(int)challenge.StatusCode} {challenge.Headers.Location}");
    }

    [Fact]
    public async Task No_log_line_contains_the_upstream_client_secret()
    {
        // Make sure at least one sign-in (a token request with the secret) happened before reading the logs.
        using var browser = new FederationHttpBrowser();
        var (request, callback) = await StartAtUpstreamAsync(browser, "erin");
        await browser.FollowAsync(callback, new Uri(request.RedirectUri));

        var logs = fixture.Logs.Snapshot();
        Assert.NotEmpty(logs["identity"]);
        foreach (var lines in logs.Values)
        {
            Assert.DoesNotContain(lines, line => line.Contains(fixture.UpstreamSecret, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("resource_metadata=\"([^\"]+)\"")]
    private static partial Regex ResourceMetadataParameter();
}
