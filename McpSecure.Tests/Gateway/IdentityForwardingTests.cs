using System.Security.Claims;
using System.Text;
using McpSecure.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol;
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

        var error = await Assert.ThrowsAnyAsync<Exception>(() => WhoAmIAsync(McpServerUrl, new() { [IdentityHeader] = forged }));

        Assert.Contains("401", error.ToString());
    }

    [Fact]
    public async Task Direct_caller_with_the_real_key_but_an_expired_identity_is_refused_and_a_fresh_one_accepted()
    {
        // Positive control for the test above: the same request signed with the real key passes.
        var key = Encoding.UTF8.GetBytes(await RealKeyAsync());

        var expired = SignIdentity(key, "carol", DateTime.UtcNow.AddMinutes(-10));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => WhoAmIAsync(McpServerUrl, new() { [IdentityHeader] = expired }));
        Assert.Contains("401", error.ToString());

        var fresh = SignIdentity(key, "carol", DateTime.UtcNow.AddMinutes(1));
        Assert.Contains("subject: carol", await WhoAmIAsync(McpServerUrl, new() { [IdentityHeader] = fresh }));
    }

    [Fact]
    public async Task Direct_caller_without_identity_is_anonymous()
    {
        Assert.StartsWith("anonymous", await WhoAmIAsync(McpServerUrl, []));
    }

    private static string[] Field(string whoami, string name) =>
        whoami.Split('\n').Single(line => line.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private Uri McpServerUrl => new(fixture.App.GetEndpoint("prometheus-mcp", "http"), "/mcp");

    private async Task<string> RealKeyAsync()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(p => p.Name == "gateway-identity-key");
        return (await parameter.GetValueAsync(default))!;
    }

    private static string SignIdentity(byte[] key, string subject, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "mcpsecure-gateway",
            Audience = "mcpsecure-mcp-server",
            IssuedAt = expires.AddMinutes(-2),
            NotBefore = expires.AddMinutes(-2),
            Expires = expires,
            Subject = new ClaimsIdentity([new("sub", subject), new("preferred_username", subject), new("role", "admin")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

    private static async Task<string> WhoAmIAsync(Uri endpoint, Dictionary<string, string> headers)
    {
        await using var client = await McpConnection.ConnectAsync(endpoint, headers: headers);
        var result = await client.CallToolAsync("whoami");
        Assert.NotEqual(true, result.IsError);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    private async Task<string> LoginAsync(string username, string password) =>
        (await PkceLogin.GetTokenAsync(new Uri(fixture.Issuer), fixture.McpUrl.AbsoluteUri, username, password)).AccessToken;
}
