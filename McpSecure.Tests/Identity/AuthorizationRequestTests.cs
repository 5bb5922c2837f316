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

    private AuthorizationRequest Request() => AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, "openid mcp:tools", state: "s-123");

    [Fact]
    public async Task Authorization_response_carries_the_issuer_as_iss_RFC_9207()
    {
        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, Request(), "alice", "alice-dev-password");

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
        var request = Request();
        if (kind == "missing")
        {
            request.Parameters.Remove("code_challenge");
            request.Parameters.Remove("code_challenge_method");
        }
        else
        {
            request.Parameters["code_challenge"] = request.CodeVerifier;
            request.Parameters["code_challenge_method"] = "plain";
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
        var request = Request();
        request.Parameters["resource"] = "http://localhost:1/not-a-known-resource";

        var outcome = await IdentityBrowser.AuthorizeAsync(Issuer, request, "alice", "alice-dev-password");

        Assert.Null(outcome.Code);
        Assert.Equal("invalid_target", outcome.Error);
        Assert.Contains("'resource'", outcome.Parameters["error_description"]);
    }
}
