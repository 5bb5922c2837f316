using System.Net;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// Client ID Metadata Documents against the real provider: a client whose id is the https URL of its document (served on
/// loopback under a certificate the provider trusts in development) signs a user in after an explicit consent that names
/// the document's host and the redirect target, and calls a tool through the gateway; hostile documents and replayed
/// consent forms get nothing.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ClientMetadataDocumentTests(EmbeddedAppFixture fixture)
{
    private Uri Issuer => new(fixture.Issuer);

    private static string Document(string clientId, string redirectUri, string name = "CIMD test client") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_id"] = clientId,
            ["client_name"] = name,
            ["redirect_uris"] = new[] { redirectUri },
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["response_types"] = new[] { "code" },
            ["token_endpoint_auth_method"] = "none",
        });

    private AuthorizationRequest Request(string clientId, string redirectUri, string scopes = "openid mcp:tools prometheus:read") =>
        AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, scopes, clientId, redirectUri, state: "cimd-state");

    [Fact]
    public async Task A_metadata_document_client_signs_in_after_consent_naming_its_host_and_redirect_target_and_calls_a_tool()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = fixture.ClientDocuments.Publish(url => Document(url, redirectUri));
        var request = Request(clientId, redirectUri);

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, request, "alice", "alice-dev-password");

        Assert.True(outcome.Code is not null, outcome.Describe());
        var page = Assert.IsType<string>(outcome.ConsentPage);
        Assert.Contains("CIMD test client", page);
        Assert.Contains($"<strong id=\"client-host\">127.0.0.1</strong>", page);
        Assert.Contains(clientId, page);
        Assert.Contains($"<code id=\"redirect-target\">{redirectUri}</code>", page);
        Assert.Contains("registered itself", page);
        Assert.Equal(fixture.Issuer, outcome.Parameters["iss"]);

        var (status, token) = await IdentityBrowser.TokenAsync(Issuer, request.CodeRedemption(outcome.Code!));
        Assert.Equal(HttpStatusCode.OK, status);
        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token.GetProperty("access_token").GetString()!);
        var whoami = await client.CallToolAsync("whoami");
        Assert.Contains("alice", McpAssert.SingleText(whoami));

        // Consent is asked again on the next login: the document (name, redirect URIs) may have changed meanwhile.
        var again = await IdentityBrowser.AuthorizeAsync(Issuer, Request(clientId, redirectUri), "alice", "alice-dev-password");
        Assert.NotNull(again.ConsentPage);
        Assert.NotNull(again.Code);
    }

    [Fact]
    public async Task The_discovery_documents_advertise_metadata_document_support()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        foreach (var path in new[] { ".well-known/oauth-authorization-server", ".well-known/openid-configuration" })
        {
            var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri(Issuer, path))).RootElement;
            Assert.True(metadata.GetProperty("client_id_metadata_document_supported").GetBoolean(), path);
        }
    }

    public static TheoryData<string, string> HostileClients => new()
    {
        { "client_id differs", "names a different client_id" },
        { "private address", "10.0.0.1, a private address" },
        { "link-local address", "169.254.169.254, a link-local address" },
        { "no document", "answered 404, not 200" },
    };

    [Theory]
    [MemberData(nameof(HostileClients))]
    public async Task A_client_whose_document_cannot_be_used_is_refused_with_invalid_client_naming_the_problem(string attempt, string reason)
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = attempt switch
        {
            "client_id differs" => fixture.ClientDocuments.Publish(_ => Document("https://attacker.example/client.json", redirectUri)),
            "private address" => "https://10.0.0.1/client.json",
            "link-local address" => "https://169.254.169.254/latest/client.json",
            _ => new Uri(fixture.ClientDocuments.BaseUrl, "/clients/missing/client.json").AbsoluteUri,
        };

        var (status, body) = await RawAuthorizeAsync(Request(clientId, redirectUri));

        // invalid_client is answered with 401 (RFC 6749 §5.2), to the user agent: the redirect URI is not verified yet.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("invalid_client", body);
        Assert.Contains(reason, WebUtility.HtmlDecode(body));
    }

    [Fact]
    public async Task A_redirect_uri_not_in_the_document_is_refused_and_never_redirected_to()
    {
        var listed = Loopback.RedirectUri();
        var clientId = fixture.ClientDocuments.Publish(url => Document(url, listed));
        var other = Loopback.RedirectUri();

        var (status, body) = await RawAuthorizeAsync(Request(clientId, other));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("redirect_uri", body);
    }

    [Theory]
    [InlineData("another scope set")]
    [InlineData("another client")]
    public async Task A_consent_form_replayed_for_another_request_grants_nothing(string attempt)
    {
        var redirectUri = Loopback.RedirectUri();
        var shownClient = fixture.ClientDocuments.Publish(url => Document(url, redirectUri, "Shown client"));
        var otherClient = fixture.ClientDocuments.Publish(url => Document(url, redirectUri, "Other client"));
        var cookies = new CookieContainer();
        // The user signs in (first-party client), then opens the consent page of the shown client...
        Assert.NotNull((await IdentityBrowser.AuthorizeAsync(Issuer, Request(AuthorizationRequest.PublicClientId, Loopback.RedirectUri(), "openid"),
            "alice", "alice-dev-password", cookies: cookies)).Code);
        using var browser = EmbeddedAppFixture.CreateRawClient(cookies);
        using var authorize = await browser.GetAsync(Request(shownClient, redirectUri, "openid").Url(IdentityBrowser.AuthorizationEndpoint(Issuer)));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var consentPage = await browser.GetStringAsync(new Uri(Issuer, authorize.Headers.Location!.ToString()));
        var form = HtmlForm.HiddenFields(consentPage);
        Assert.Contains("consent_ticket", form.Keys);

        // ...and its answer is posted for a different request: same antiforgery token and ticket.
        if (attempt == "another scope set")
        {
            form["scope"] = "openid mcp:tools prometheus:read";
        }
        else
        {
            form["client_id"] = otherClient;
        }
        form["consent"] = "allow";
        using var response = await browser.PostAsync(IdentityBrowser.AuthorizationEndpoint(Issuer), new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/account/consent?returnUrl=", location); // asked again, for what is really requested
        Assert.DoesNotContain("code=", location);
    }

    private async Task<(HttpStatusCode Status, string Body)> RawAuthorizeAsync(AuthorizationRequest request)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.GetAsync(request.Url(IdentityBrowser.AuthorizationEndpoint(Issuer)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
