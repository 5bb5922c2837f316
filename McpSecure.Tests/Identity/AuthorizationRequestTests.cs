using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// The authorization endpoint of McpSecure.Identity against a real browser-like login: PKCE S256 only,
/// RFC 8707 <c>invalid_target</c>, and the RFC 9207 <c>iss</c> parameter in the authorization response.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class AuthorizationRequestTests(EmbeddedAppFixture fixture)
{
    private Uri Issuer => new(fixture.Issuer);

    private Dictionary<string, string> Request(string redirectUri, string verifier) => new()
    {
        ["response_type"] = "code",
        ["client_id"] = PkceLogin.ClientId,
        ["redirect_uri"] = redirectUri,
        ["scope"] = "openid mcp:tools",
        ["state"] = "s-123",
        ["code_challenge"] = PkceLogin.CodeChallenge(verifier),
        ["code_challenge_method"] = "S256",
        ["resource"] = fixture.McpUrl.AbsoluteUri,
    };

    [Fact]
    public async Task Authorization_response_carries_the_issuer_as_iss_RFC_9207()
    {
        var redirectUri = IdentityBrowser.LoopbackRedirectUri();

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, Request(redirectUri, PkceLogin.NewCodeVerifier()), "alice", "alice-dev-password");

        Assert.NotNull(outcome.Code);
        Assert.Equal("s-123", outcome.Parameters["state"]);
        Assert.Equal(fixture.Issuer, outcome.Parameters["iss"]);

        using var http = EmbeddedAppFixture.CreateRawClient();
        var metadata = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(
            http, new Uri(Issuer, ".well-known/oauth-authorization-server"));
        Assert.True(metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("plain")]
    public async Task Authorization_without_an_S256_challenge_is_rejected(string kind)
    {
        var redirectUri = IdentityBrowser.LoopbackRedirectUri();
        var verifier = PkceLogin.NewCodeVerifier();
        var request = Request(redirectUri, verifier);
        if (kind == "missing")
        {
            request.Remove("code_challenge");
            request.Remove("code_challenge_method");
        }
        else
        {
            request["code_challenge"] = verifier;
            request["code_challenge_method"] = "plain";
        }

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, request, "alice", "alice-dev-password");

        // Rejected before the redirect URI is trusted, so shown to the user rather than sent to the client.
        Assert.Null(outcome.Code);
        Assert.False(outcome.ReachedClient);
        Assert.Equal("invalid_request", outcome.Error);
        Assert.Contains(kind == "missing" ? "code_challenge" : "code_challenge_method", outcome.Parameters["error_description"]);
    }

    [Fact]
    public async Task An_unknown_resource_gets_invalid_target()
    {
        var request = Request(IdentityBrowser.LoopbackRedirectUri(), PkceLogin.NewCodeVerifier());
        request["resource"] = "http://localhost:1/not-a-known-resource";

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, request, "alice", "alice-dev-password");

        Assert.Null(outcome.Code);
        Assert.Equal("invalid_target", outcome.Error);
        Assert.Contains("'resource'", outcome.Parameters["error_description"]);
    }
}
