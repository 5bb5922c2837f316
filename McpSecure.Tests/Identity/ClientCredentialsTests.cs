using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.Identity;

/// <summary>The realm's machine client (<c>mcp-machine</c>, dev-only secret) gets tokens with the client credentials grant.</summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ClientCredentialsTests(EmbeddedAppFixture fixture)
{
    public const string MachineClientId = "mcp-machine";
    public const string MachineClientSecret = "dev-only-mcp-machine-secret";

    private Uri Issuer => new(fixture.Issuer);

    [Fact]
    public async Task Machine_client_gets_a_token_for_the_resource_that_the_gateway_accepts()
    {
        var (status, body) = await IdentityBrowser.TokenAsync(Issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["resource"] = fixture.McpUrl.AbsoluteUri,
        }, (MachineClientId, MachineClientSecret));

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal([fixture.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal(MachineClientId, jwt.Subject);
        Assert.Equal(MachineClientId, jwt.GetClaim("client_id").Value);
        // No scope asked: the realm client's default scopes.
        Assert.Equal(["mcp:tools", "prometheus:read"], jwt.GetClaim("scope").Value.Split(' ').Where(s => s.Contains(':')).Order());
        // The realm's service-account user gives the machine its roles.
        Assert.Equal(["reader"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));

        Assert.Equal(HttpStatusCode.OK, (await McpHttp.InitializeAsync(fixture.McpUrl, jwt.EncodedToken)).Status);
    }

    [Fact]
    public async Task A_wrong_secret_gets_invalid_client()
    {
        var (status, body) = await IdentityBrowser.TokenAsync(Issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
        }, (MachineClientId, "not-the-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_public_client_may_not_use_client_credentials()
    {
        var (status, body) = await IdentityBrowser.TokenAsync(Issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = AuthorizationRequest.PublicClientId,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("error").GetString() == "invalid_request", body.ToString());
        // A public client has no secret to prove it is the client: the grant needs one.
        Assert.Contains("'client_secret'", body.GetProperty("error_description").GetString());
    }
}
