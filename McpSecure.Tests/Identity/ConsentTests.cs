using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// A dynamically registered client never gets silent consent: the user sees the consent page (client name,
/// scopes with their descriptions) and may allow or deny. The realm's first-party client keeps implicit consent.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ConsentTests(EmbeddedAppFixture fixture)
{
    private Uri Issuer => new(fixture.Issuer);

    private AuthorizationRequest Request(string clientId, string? redirectUri = null) =>
        AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, "openid mcp:tools prometheus:read", clientId, redirectUri, state: "consent-state");

    [Fact]
    public async Task Registered_client_shows_the_consent_page_with_client_name_and_scope_descriptions()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = await IdentityBrowser.RegisterClientAsync(Issuer, redirectUri, "Consent <Test> Client");

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, Request(clientId, redirectUri), "alice", "alice-dev-password");

        Assert.NotNull(outcome.Code);
        var page = Assert.IsType<string>(outcome.ConsentPage);
        Assert.Contains("Consent &lt;Test&gt; Client", page); // HTML-encoded, not injected
        Assert.Contains("mcp:tools", page);
        Assert.Contains("Call the tools of the protected MCP server.", page);
        Assert.Contains("prometheus:read", page);
        Assert.Contains("Run read-only Prometheus queries through the MCP server.", page);
        Assert.Contains("registered itself", page);
        Assert.Contains("value=\"deny\"", page);
    }

    [Fact]
    public async Task Denying_returns_access_denied_to_the_client_with_state_and_iss()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = await IdentityBrowser.RegisterClientAsync(Issuer, redirectUri, "Denied client");

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, Request(clientId, redirectUri), "alice", "alice-dev-password", ConsentChoice.Deny);

        Assert.NotNull(outcome.ConsentPage);
        Assert.Null(outcome.Code);
        Assert.Equal("access_denied", outcome.Error);
        Assert.Equal("consent-state", outcome.Parameters["state"]);
        Assert.Equal(fixture.Issuer, outcome.Parameters["iss"]);
        Assert.StartsWith(redirectUri, outcome.RedirectedTo.AbsoluteUri);
    }

    [Fact]
    public async Task Consent_given_once_is_remembered_for_the_same_scopes()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = await IdentityBrowser.RegisterClientAsync(Issuer, redirectUri, "Remembered client");
        var first = await IdentityBrowser.AuthorizeAsync(Issuer, Request(clientId, redirectUri), "bob", "bob-dev-password");
        Assert.NotNull(first.ConsentPage);

        var second = await IdentityBrowser.AuthorizeAsync(Issuer, Request(clientId, redirectUri), "bob", "bob-dev-password");

        Assert.NotNull(second.Code);
        Assert.Null(second.ConsentPage);
    }

    [Fact]
    public async Task The_first_party_realm_client_gets_no_consent_page()
    {
        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, Request(AuthorizationRequest.PublicClientId), "alice", "alice-dev-password");

        Assert.NotNull(outcome.Code);
        Assert.Null(outcome.ConsentPage);
    }

    [Fact]
    public async Task A_consent_post_without_the_antiforgery_token_grants_nothing()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = await IdentityBrowser.RegisterClientAsync(Issuer, redirectUri, "Cross-site client");
        var cookies = new CookieContainer();
        // The user is signed in to the provider in this browser (through the first-party client)...
        var signIn = await IdentityBrowser.AuthorizeAsync(Issuer, Request(AuthorizationRequest.PublicClientId),
            "alice", "alice-dev-password", cookies: cookies);
        Assert.NotNull(signIn.Code);
        using var browser = EmbeddedAppFixture.CreateRawClient(cookies);
        var form = Request(clientId, redirectUri).Parameters;
        form["consent"] = "allow";

        // ...and another site makes the browser post "allow" for a client the user never saw.
        using var response = await browser.PostAsync(IdentityBrowser.AuthorizationEndpoint(Issuer), new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/account/consent?returnUrl=", location);
        Assert.DoesNotContain("code=", location);
    }
}
