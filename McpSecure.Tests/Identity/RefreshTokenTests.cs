using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.Identity;

/// <summary>Refresh tokens rotate on every use; presenting a used one again is rejected and revokes the whole login.</summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class RefreshTokenTests(EmbeddedAppFixture fixture)
{
    private Uri Issuer => new(fixture.Issuer);

    private Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken) =>
        IdentityBrowser.TokenAsync(Issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = AuthorizationRequest.PublicClientId,
            ["refresh_token"] = refreshToken,
        });

    private async Task<string> LoginRefreshTokenAsync()
    {
        var token = await fixture.LoginAsync("alice", "alice-dev-password");
        return token.RefreshToken ?? throw new InvalidOperationException("offline_access was requested but no refresh token came back.");
    }

    [Fact]
    public async Task Refreshing_returns_a_new_refresh_token_and_an_access_token_for_the_same_audience()
    {
        var first = await LoginRefreshTokenAsync();

        var (status, body) = await RefreshAsync(first);

        Assert.Equal(HttpStatusCode.OK, status);
        var second = body.GetProperty("refresh_token").GetString();
        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);
        var accessToken = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal([fixture.McpUrl.AbsoluteUri], accessToken.Audiences);
        Assert.Equal("alice", accessToken.GetClaim("preferred_username").Value);

        // The rotated token works in turn.
        var (nextStatus, _) = await RefreshAsync(second!);
        Assert.Equal(HttpStatusCode.OK, nextStatus);
    }

    [Fact]
    public async Task Reusing_a_refresh_token_is_rejected_and_revokes_the_tokens_issued_from_it()
    {
        var first = await LoginRefreshTokenAsync();
        var (status, body) = await RefreshAsync(first);
        Assert.Equal(HttpStatusCode.OK, status);
        var rotated = body.GetProperty("refresh_token").GetString()!;

        var (reuseStatus, reuseBody) = await RefreshAsync(first);

        Assert.Equal(HttpStatusCode.BadRequest, reuseStatus);
        Assert.Equal("invalid_grant", reuseBody.GetProperty("error").GetString());

        // Reuse means the token leaked: the rotated token (held by whoever refreshed first) is dead too.
        var (familyStatus, familyBody) = await RefreshAsync(rotated);
        Assert.Equal(HttpStatusCode.BadRequest, familyStatus);
        Assert.Equal("invalid_grant", familyBody.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Reuse_revokes_only_that_login_not_the_users_other_sessions()
    {
        var victim = await LoginRefreshTokenAsync();
        var other = await LoginRefreshTokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(victim)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(victim)).Status);

        var (status, _) = await RefreshAsync(other);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
