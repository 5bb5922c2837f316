using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The JWT rules, through the gateway's real JwtBearer configuration against the in-memory provider's keys: what
/// passes, and for each refusal the 401 <c>invalid_token</c> challenge that names the reason.
/// </summary>
public sealed class JwtValidationTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [Fact]
    public async Task Token_signed_with_the_providers_rsa_key_passes()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri))).Status);
    }

    [Fact]
    public async Task Token_signed_with_the_providers_ec_key_passes()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: FakeIdentityProvider.EcCredentials);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(token)).Status);
    }

    [Fact]
    public async Task Expired_token_is_refused_with_its_expiry_time()
    {
        var expires = DateTime.UtcNow.AddMinutes(-10);
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d =>
        {
            d.IssuedAt = d.NotBefore = expires.AddMinutes(-5);
            d.Expires = expires;
        });

        var refusal = await SendAsync(token);

        AssertInvalidToken(refusal, $"The token expired at {expires:yyyy-MM-ddTHH:mm:ssZ}.");
    }

    [Fact]
    public async Task Token_expired_within_the_clock_skew_still_passes()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-5);
            d.Expires = DateTime.UtcNow.AddSeconds(-10);
        });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(token)).Status);
    }

    [Fact]
    public async Task Token_for_another_resource_is_refused_and_told_which_resource_to_ask_for()
    {
        var refusal = await SendAsync(FakeIdentityProvider.CreateToken("https://other.test/mcp"));

        AssertInvalidToken(refusal, $"The token's audience is not this resource: request a token with resource={GatewayApp.ResourceUri}.");
    }

    [Fact]
    public async Task Token_from_another_issuer_is_refused()
    {
        var refusal = await SendAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d => d.Issuer = "https://idp.test"));

        AssertInvalidToken(refusal, $"The token was not issued by {FakeIdentityProvider.Issuer}.");
    }

    [Fact]
    public async Task Hs256_token_is_refused_before_any_key_is_tried()
    {
        // Signed with a secret an attacker could derive from public material: HMAC is never accepted.
        var hmac = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "rsa-1" }, SecurityAlgorithms.HmacSha256);

        var refusal = await SendAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: hmac));

        AssertInvalidToken(refusal, "The token's signing algorithm 'HS256' is not allowed.");
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused()
    {
        var refusal = await SendAsync(FakeIdentityProvider.CreateUnsignedToken(GatewayApp.ResourceUri));

        AssertInvalidToken(refusal, "The token's signing algorithm 'none' is not allowed.");
    }

    [Fact]
    public async Task Token_whose_type_is_not_an_access_token_is_refused()
    {
        var refusal = await SendAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d => d.TokenType = "logout+jwt"));

        AssertInvalidToken(refusal, "The token is not an access token (typ 'logout+jwt'); accepted: at+jwt, application/at+jwt, JWT (Gateway:TokenValidation:AcceptedTokenTypes).");
    }

    [Fact]
    public async Task Token_signed_with_a_key_the_provider_does_not_publish_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var stranger = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "unknown-kid" }, SecurityAlgorithms.RsaSha256);

        var refusal = await SendAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: stranger));

        AssertInvalidToken(refusal, "The token is signed with a key that the authorization server does not publish.");
    }

    [Fact]
    public async Task Token_with_a_forged_signature_under_a_published_kid_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var forger = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = FakeIdentityProvider.RsaKey.KeyId }, SecurityAlgorithms.RsaSha256);

        var refusal = await SendAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, credentials: forger));

        AssertInvalidToken(refusal, "The token signature is invalid or missing.");
    }

    [Fact]
    public async Task Garbage_instead_of_a_jwt_is_refused_as_malformed()
    {
        AssertInvalidToken(await SendAsync("not-a-jwt"), "The token is not a well-formed JWT.");
    }

    private static void AssertInvalidToken((HttpStatusCode Status, string Challenge, (string Error, string Description) Body) refusal, string description)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, refusal.Status);
        Assert.Equal(
            $"Bearer resource_metadata=\"{GatewayApp.PublicBaseUrl}/.well-known/oauth-protected-resource/mcp\", error=\"invalid_token\", error_description=\"{description}\"",
            refusal.Challenge);
        Assert.Equal(("invalid_token", description), refusal.Body);
    }

    private async Task<(HttpStatusCode Status, string Challenge, (string Error, string Description) Body)> SendAsync(string token)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = response.StatusCode == HttpStatusCode.OK ? default : await GatewayPipelineTests.ErrorAsync(response);
        return (response.StatusCode, response.Headers.WwwAuthenticate.ToString(), body);
    }
}
