using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// Federation mode against an upstream provider that lies in its ID token (<see cref="HostileUpstreamProvider"/>): a
/// nonce from an earlier sign-in, no nonce, another audience, another issuer. Each is refused on our callback with a
/// 400 page naming the problem and a log line, and no code reaches the client. An honest answer from the same
/// provider goes through, so the refusals come from the ID token alone.
/// </summary>
[Collection(HostileUpstreamCollection.Name)]
public sealed class HostileUpstreamTests(HostileUpstreamFixture fixture)
{
    private async Task<FederationHttpBrowser.Page> SignInAsync(HostileUpstreamMode mode)
    {
        fixture.Upstream.Mode = mode;
        using var browser = new FederationHttpBrowser();
        var endpoints = await PkceLogin.ProviderEndpoints.DiscoverAsync(fixture.IdentityUrl);
        var request = AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, "openid profile mcp:tools");
        return await browser.FollowAsync(request.Url(endpoints.Authorization), new Uri(request.RedirectUri));
    }

    private async Task AssertRefusedAsync(HostileUpstreamMode mode, string expectedReason)
    {
        var redeemedBefore = fixture.Upstream.TokenRequests;

        var page = await SignInAsync(mode);

        Assert.Equal(1, fixture.Upstream.TokenRequests - redeemedBefore); // the upstream did answer with its ID token ...
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);               // ... and we issued nothing
        Assert.Equal(fixture.IdentityUrl.Authority, page.Url.Authority);
        Assert.Equal("/federation/callback", page.Url.AbsolutePath);
        Assert.Contains("Sign-in failed", page.Body, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(page.Body);
        Assert.True(text.Contains(expectedReason, StringComparison.OrdinalIgnoreCase),
            $"The refusal page does not name '{expectedReason}': {HtmlForm.Excerpt(text[Math.Max(0, text.IndexOf("Sign-in failed", StringComparison.Ordinal))..])}");
        Assert.DoesNotContain("at Microsoft.", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", page.Body, StringComparison.Ordinal); // no token on the page
        await WaitForLogLineAsync(expectedReason);
    }

    private async Task WaitForLogLineAsync(string text)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (fixture.Logs.Snapshot()["identity"].Any(line => line.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"McpSecure.Identity logged no line containing '{text}'.");
    }

    [Fact]
    public async Task An_honest_answer_from_the_same_upstream_signs_the_user_in()
    {
        var page = await SignInAsync(HostileUpstreamMode.Honest);

        Assert.True(page.Status == HttpStatusCode.Redirect && QueryString.Parse(page.Url.Query).ContainsKey("code"),
            $"expected the client's redirect with a code, got {(int)page.Status} at {page.Url}: {HtmlForm.Excerpt(page.Body)}");
    }

    [Fact]
    public async Task An_id_token_with_the_nonce_of_an_earlier_sign_in_is_refused()
    {
        await SignInAsync(HostileUpstreamMode.Honest); // the earlier sign-in whose nonce is replayed

        await AssertRefusedAsync(HostileUpstreamMode.NonceFromEarlierSignIn, "nonce");
    }

    [Fact]
    public async Task An_id_token_without_a_nonce_is_refused() =>
        await AssertRefusedAsync(HostileUpstreamMode.NoNonce, "nonce");

    [Fact]
    public async Task An_id_token_for_another_audience_is_refused() =>
        await AssertRefusedAsync(HostileUpstreamMode.OtherAudience, "identity token cannot be used with this client application");

    [Fact]
    public async Task An_id_token_from_another_issuer_is_refused() =>
        await AssertRefusedAsync(HostileUpstreamMode.OtherIssuer, "issuer");
}
