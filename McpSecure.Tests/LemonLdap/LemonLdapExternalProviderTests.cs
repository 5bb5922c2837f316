using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// LemonLDAP::NG 2.16 from Debian's packages as the organisation's provider that the gateway trusts directly, set up only
/// through the AppHost's configuration (<see cref="LemonLdapFixture"/>): a real login at its own form, its
/// RS256 <c>typ: JWT</c> access token with the configured extra audience calls a tool through the gateway; a token without
/// the configured scope, for another audience, or an ID token in its place, is refused with the challenge that says why.
/// </summary>
[Collection(LemonLdapCollection.Name)]
public sealed class LemonLdapExternalProviderTests(LemonLdapFixture fixture)
{
    private string ResourceMetadata => new Uri(fixture.ExternalProviderApp.GatewayUrl, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;

    [Fact]
    public async Task Dwho_signs_in_at_lemonldap_and_its_rs256_jwt_calls_whoami_through_the_gateway_but_its_id_token_does_not()
    {
        var token = await fixture.LoginAsync("dwho");

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal(fixture.ExternalProvider.Issuer, jwt.Issuer);
        // No RFC 8707 at LemonLDAP::NG: the audience is the client and its configured extra audience, not the gateway's URL.
        Assert.Equal([LemonLdapFixture.ClientId, LemonLdapFixture.GatewayAudience], jwt.Audiences);
        Assert.Contains(LemonLdapFixture.UsersScope, jwt.GetClaim("scope").Value.Split(' '));

        await using (var client = await McpConnection.ConnectAsync(fixture.ExternalProviderApp.McpUrl, token.AccessToken))
        {
            var whoami = McpAssert.SingleText(await client.CallToolAsync("whoami"));
            Assert.Contains("subject: dwho", whoami);
        }

        // LemonLDAP::NG's ID tokens also say typ JWT and carry the same audiences; they carry no scope, so the required scopes stop them.
        var idToken = Assert.IsType<string>(token.IdToken);
        var answer = await McpHttp.InitializeAsync(fixture.ExternalProviderApp.McpUrl, idToken);
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("error=\"insufficient_scope\"", answer.Challenge);
    }

    [Fact]
    public async Task A_user_outside_the_group_lemonldap_grants_the_configured_scope_to_gets_403_naming_the_scope()
    {
        // rtyler is not a timelord: LemonLDAP::NG's scope rule leaves mcp.users out of the token, mcp:tools in.
        var token = await fixture.LoginAsync("rtyler");
        var scopes = new JsonWebToken(token.AccessToken).GetClaim("scope").Value.Split(' ');
        Assert.Contains("mcp:tools", scopes);
        Assert.DoesNotContain(LemonLdapFixture.UsersScope, scopes);

        var answer = await McpHttp.InitializeAsync(fixture.ExternalProviderApp.McpUrl, token.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.StartsWith($"Bearer resource_metadata=\"{ResourceMetadata}\", error=\"insufficient_scope\"", answer.Challenge);
        Assert.Contains($"scope=\"mcp:tools {LemonLdapFixture.UsersScope}", answer.Challenge);
        Assert.Equal("insufficient_scope", answer.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_token_lemonldap_issued_for_another_application_gets_401_invalid_token_naming_the_audience()
    {
        var token = await fixture.LoginAsync("dwho", LemonLdapFixture.OtherAppClientId, "openid mcp:tools");
        Assert.Equal([LemonLdapFixture.OtherAppClientId], new JsonWebToken(token.AccessToken).Audiences);

        var answer = await McpHttp.InitializeAsync(fixture.ExternalProviderApp.McpUrl, token.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith($"Bearer resource_metadata=\"{ResourceMetadata}\", error=\"invalid_token\"", answer.Challenge);
        Assert.Contains("audience", answer.Challenge);
    }
}
