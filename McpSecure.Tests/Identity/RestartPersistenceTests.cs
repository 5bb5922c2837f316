using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.Identity;

/// <summary>
/// One app, one restart: signing keys, registered clients, consents and refresh tokens live in the data folder the
/// AppHost gives McpSecure.Identity, so they survive; the next signing key, published during the first run, takes
/// over at the second start when the active key is old enough; and the registration limit answers 429.
/// Runs its own app (not the shared fixture), so it is in a collection of its own.
/// </summary>
[Collection(nameof(RestartPersistenceTests))]
public sealed class RestartPersistenceTests
{
    [Fact]
    public async Task Tokens_registrations_and_keys_survive_a_restart_and_the_next_key_takes_over()
    {
        var deployment = new RestartableApp();
        try
        {
            string clientId, redirectUri, accessToken, refreshToken, activeKeyId, nextKeyId;
            await using (var first = await deployment.StartAsync())
            {
                redirectUri = Loopback.RedirectUri();
                clientId = await IdentityBrowser.RegisterClientAsync(deployment.Issuer, redirectUri, "Restart test client");
                var (authorization, token) = await PkceLogin.LoginAsync(deployment.Issuer, LoginRequest(deployment, clientId, redirectUri),
                    "bob", "bob-dev-password");
                Assert.NotNull(authorization.ConsentPage);
                accessToken = token.AccessToken;
                refreshToken = token.RefreshToken!;
                Assert.Equal(HttpStatusCode.OK, await CallGatewayAsync(deployment.McpUrl, accessToken));

                activeKeyId = new JsonWebToken(accessToken).Kid;
                nextKeyId = KeyRotationTests.NextKeyId(deployment.DataPath);
                Assert.Contains(nextKeyId, await KeyRotationTests.PublishedKeyIdsAsync(deployment.Issuer));
            }

            // As if the active key had been signing for longer than the rotation period (30 days by default).
            var activeKeyFile = Path.Combine(KeyRotationTests.SigningKeysFolder(deployment.DataPath), activeKeyId + ".pem");
            File.SetLastWriteTimeUtc(activeKeyFile, DateTime.UtcNow.AddDays(-31));

            await using var second = await deployment.StartAsync(new Dictionary<string, string>
            {
                ["Identity__ClientRegistration__RegistrationsPerMinute"] = "2",
            });

            // The token issued before the restart still passes the gateway: its key is still published.
            Assert.Equal(HttpStatusCode.OK, await CallGatewayAsync(deployment.McpUrl, accessToken));

            // The refresh token (and the key that encrypts it) survived.
            var (refreshStatus, refreshed) = await IdentityBrowser.TokenAsync(deployment.Issuer, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = clientId,
                ["refresh_token"] = refreshToken,
            });
            Assert.True(refreshStatus == HttpStatusCode.OK, refreshed.ToString());

            // The registration survived, and so did the user's consent to it: no consent page this time.
            var (again, newToken) = await PkceLogin.LoginAsync(deployment.Issuer, LoginRequest(deployment, clientId, redirectUri),
                "bob", "bob-dev-password");
            Assert.Null(again.ConsentPage);

            // The key published in the first run now signs; the old one stays published; a new next key is announced.
            var newAccessToken = newToken.AccessToken;
            Assert.Equal(nextKeyId, new JsonWebToken(newAccessToken).Kid);
            Assert.Equal(nextKeyId, deployment.ReadForge().ProviderKey.KeyId);
            var published = await KeyRotationTests.PublishedKeyIdsAsync(deployment.Issuer);
            var newNextKeyId = KeyRotationTests.NextKeyId(deployment.DataPath);
            Assert.Equal(new[] { nextKeyId, newNextKeyId, activeKeyId }.Order(), published.Order());
            Assert.Equal(HttpStatusCode.OK, await CallGatewayAsync(deployment.McpUrl, newAccessToken));

            // Registration limit (2 per minute here): the third registration from this address is refused.
            await IdentityBrowser.RegisterClientAsync(deployment.Issuer, Loopback.RedirectUri(), "one");
            await IdentityBrowser.RegisterClientAsync(deployment.Issuer, Loopback.RedirectUri(), "two");
            var (status, body, response) = await IdentityBrowser.RegisterAsync(deployment.Issuer,
                new { redirect_uris = new[] { Loopback.RedirectUri() }, client_name = "three" });
            using (response)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, status);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
                Assert.Equal("too_many_registrations", body.GetProperty("error").GetString());
                Assert.Contains("at most 2 per minute", body.GetProperty("error_description").GetString());
            }
        }
        finally
        {
            deployment.DeleteData();
        }
    }

    private static AuthorizationRequest LoginRequest(RestartableApp deployment, string clientId, string redirectUri) =>
        AuthorizationRequest.Create(deployment.McpUrl.AbsoluteUri, "openid offline_access mcp:tools", clientId, redirectUri);

    private static async Task<HttpStatusCode> CallGatewayAsync(Uri mcpUrl, string accessToken) =>
        (await McpHttp.InitializeAsync(mcpUrl, accessToken)).Status;
}
