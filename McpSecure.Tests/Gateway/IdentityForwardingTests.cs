using System.Security.Claims;
using System.Text;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Gateway;

/// <summary>
/// The caller's identity reaches the MCP server signed by the gateway; copies sent by a client are replaced, and a
/// caller who reaches the MCP server directly cannot forge one. Observed through the MCP server's <c>whoami</c> tool.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class IdentityForwardingTests(EmbeddedAppFixture fixture)
{
    private const string IdentityHeader = "X-McpSecure-Identity";

    [Fact]
    public async Task Mcp_server_sees_the_signed_in_user_with_scopes_and_roles()
    {
        var token = await LoginAsync("bob", "bob-dev-password");
        var subject = new JsonWebToken(token).Subject;

        var whoami = await WhoAmIAsync(fixture.McpUrl, new() { ["Authorization"] = $"Bearer {token}" });

        Assert.Contains($"subject: {subject}", whoami);
        Assert.Contains("username: bob", whoami);
        Assert.Equal(["admin", "reader"], Field(whoami, "roles").Order());
        Assert.Contains("mcp:tools", Field(whoami, "scopes"));
        Assert.Contains("client: mcp-client", whoami);
    }

    [Fact]
    public async Task Identity_header_sent_by_a_client_is_replaced_by_the_gateway()
    {
        var token = await LoginAsync("alice", "alice-dev-password");
        var spoofed = SignIdentity(Encoding.UTF8.GetBytes(new string('k', 48)), "bob", DateTime.UtcNow.AddMinutes(1));

        var whoami = await WhoAmIAsync(fixture.McpUrl, new()
        {
            ["Authorization"] = $"Bearer {token}",
            [IdentityHeader] = spoofed,
            ["X-McpSecure-Roles"] = "admin",
        });

        Assert.Contains("username: alice", whoami);
        Assert.Equal(["reader"], Field(whoami, "roles"));
        Assert.DoesNotContain("admin", whoami);
    }

    [Fact]
    public async Task Direct_caller_with_a_forged_identity_is_refused_by_the_mcp_server()
    {
        var forged = SignIdentity(Encoding.UTF8.GetBytes(new string('k', 48)), "bob", DateTime.UtcNow.AddMinutes(1));

        var answer = await McpHttp.InitializeAsync(fixture.McpServerUrl, headers: new Dictionary<string, string> { [IdentityHeader] = forged });

        AssertRefusedAsInvalidIdentity(answer);
    }

    [Fact]
    public async Task Direct_caller_with_the_real_key_but_an_expired_identity_is_refused_and_a_fresh_one_accepted()
    {
        // Positive control for the test above: the same request signed with the real key passes.
        var key = Encoding.UTF8.GetBytes(await fixture.GatewayIdentityKeyAsync());

        var expired = SignIdentity(key, "carol", DateTime.UtcNow.AddMinutes(-10));
        AssertRefusedAsInvalidIdentity(await McpHttp.InitializeAsync(fixture.McpServerUrl, headers: new Dictionary<string, string> { [IdentityHeader] = expired }));

        var fresh = SignIdentity(key, "carol", DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await McpHttp.InitializeAsync(fixture.McpServerUrl, headers: new Dictionary<string, string> { [IdentityHeader] = fresh })).Status);
        Assert.Contains("subject: carol", await WhoAmIAsync(fixture.McpServerUrl, new() { [IdentityHeader] = fresh }));
    }

    /// <summary>The MCP server's answer to an identity header it cannot verify: 401 before any MCP handling.</summary>
    private static void AssertRefusedAsInvalidIdentity(McpHttp.Answer answer)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("invalid_gateway_identity", answer.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Direct_caller_without_identity_is_anonymous()
    {
        Assert.StartsWith("anonymous", await WhoAmIAsync(fixture.McpServerUrl, []));
    }

    private static string[] Field(string whoami, string name) =>
        whoami.Split('\n').Single(line => line.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string SignIdentity(byte[] key, string subject, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "mcpsecure-gateway",
            Audience = "mcpsecure-mcp-server",
            IssuedAt = expires.AddMinutes(-2),
            NotBefore = expires.AddMinutes(-2),
            Expires = expires,
            Subject = new ClaimsIdentity([new("sub", subject), new("preferred_username", subject), new("scope", "mcp:tools"), new("role", "admin")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

    private static async Task<string> WhoAmIAsync(Uri endpoint, Dictionary<string, string> headers)
    {
        await using var client = await McpConnection.ConnectAsync(endpoint, headers: headers);
        var result = await client.CallToolAsync("whoami");
        Assert.NotEqual(true, result.IsError);
        return McpAssert.SingleText(result);
    }

    private async Task<string> LoginAsync(string username, string password) => (await fixture.LoginAsync(username, password)).AccessToken;
}
