using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// Federation mode in front of LemonLDAP::NG 2.16: an MCP client whose id is its metadata document's URL is sent by
/// McpSecure.Identity to LemonLDAP::NG's own login form, comes back through the callback to our consent page, redeems
/// the code with PKCE, and the MCP server sees the LemonLDAP::NG user with the claims mapped by configuration.
/// </summary>
[Collection(LemonLdapCollection.Name)]
public sealed class LemonLdapFederationTests(LemonLdapFixture fixture)
{
    [Fact]
    public async Task Dwho_signs_in_at_lemonldap_through_mcpsecure_identity_consents_at_ours_and_whoami_shows_the_mapped_claims()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = fixture.ClientDocuments.Publish(url => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_id"] = url,
            ["client_name"] = "LemonLDAP federation client",
            ["redirect_uris"] = new[] { redirectUri },
            ["grant_types"] = new[] { "authorization_code" },
            ["response_types"] = new[] { "code" },
            ["token_endpoint_auth_method"] = "none",
        }));
        var request = AuthorizationRequest.Create(fixture.FederationApp.McpUrl.AbsoluteUri, "openid profile mcp:tools", clientId, redirectUri);

        var (authorization, token) = await PkceLogin.LoginAsync(new Uri(fixture.FederationApp.Issuer), request, "dwho", "dwho");

        // A CIMD client never gets silent consent: our page, naming the client and its redirect target.
        var consent = Assert.IsType<string>(authorization.ConsentPage);
        Assert.Contains("LemonLDAP federation client", consent);
        Assert.Contains(redirectUri, consent);
        Assert.Equal(fixture.FederationApp.Issuer, authorization.Parameters["iss"]);

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(fixture.FederationApp.Issuer, jwt.Issuer);
        Assert.Equal([fixture.FederationApp.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal("dwho", jwt.Subject);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);

        await using var client = await McpConnection.ConnectAsync(fixture.FederationApp.McpUrl, token.AccessToken);
        var whoami = McpAssert.SingleText(await client.CallToolAsync("whoami"));
        Assert.Contains("subject: dwho", whoami);
        Assert.Contains("Doctor Who", whoami);
        // LemonLDAP::NG's group timelords is mapped to admin; every federated user is a reader.
        Assert.Contains("admin", whoami);
        Assert.Contains("reader", whoami);
    }
}
