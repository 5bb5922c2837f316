using System.Security.Claims;
using System.Text;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpSecure.Tests.PerUser;

/// <summary>
/// Rights per tool with real logins through the real gateway and MCP server: alice (role reader) and bob (roles reader,
/// admin) see different tools; an admin tool without <c>prometheus:admin</c> gets the gateway's exact 403 challenge;
/// bob steps up to the scope it names and succeeds; alice cannot get the scope at all; the MCP server enforces the
/// same rules on its own.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class PerUserToolAccessTests(EmbeddedAppFixture fixture)
{
    private const string ReadScopes = "openid profile offline_access mcp:tools prometheus:read";
    private const string AdminScopes = ReadScopes + " prometheus:admin";
    private static readonly string[] AdminTools = ["get_config", "get_flags", "get_tsdb_status"];

    private static string Call(string tool) =>
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":{}}}";

    [Fact]
    public async Task Alice_and_bob_see_different_tool_lists_through_the_gateway()
    {
        var alice = await fixture.LoginAsync("alice", "alice-dev-password", ReadScopes);
        var bob = await fixture.LoginAsync("bob", "bob-dev-password", AdminScopes);

        var aliceTools = await ToolNamesAsync(fixture.McpUrl, alice.AccessToken);
        var bobTools = await ToolNamesAsync(fixture.McpUrl, bob.AccessToken);

        Assert.Equal(bobTools.Except(AdminTools).Order(), aliceTools.Order());
        Assert.Subset(bobTools.ToHashSet(), AdminTools.ToHashSet());
        Assert.Contains("execute_query", aliceTools);
        Assert.Contains("whoami", aliceTools);
        Assert.Equal(17, bobTools.Length);
    }

    [Fact]
    public async Task Alice_calling_an_admin_tool_gets_403_insufficient_scope_naming_every_scope_needed()
    {
        var alice = await fixture.LoginAsync("alice", "alice-dev-password", ReadScopes);

        using var request = McpHttp.Post(fixture.McpUrl, alice.AccessToken, Call("get_config"));
        var answer = await McpHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        var metadata = new Uri(fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;
        Assert.Equal($"Bearer resource_metadata=\"{metadata}\", error=\"insufficient_scope\", " +
                     "error_description=\"The tool 'get_config' requires the scope prometheus:admin.\", " +
                     "scope=\"mcp:tools prometheus:read prometheus:admin\"", answer.Challenge);
        Assert.Equal("insufficient_scope", answer.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Bob_steps_up_to_the_scope_the_challenge_names_and_then_succeeds()
    {
        var before = await fixture.LoginAsync("bob", "bob-dev-password", ReadScopes);
        using var first = McpHttp.Post(fixture.McpUrl, before.AccessToken, Call("get_config"));
        var refused = await McpHttp.SendAsync(first);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var scope = refused.Challenge[(refused.Challenge.IndexOf("scope=\"", StringComparison.Ordinal) + 7)..].TrimEnd('"');

        var after = await fixture.LoginAsync("bob", "bob-dev-password", "openid " + scope);

        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, after.AccessToken);
        var config = await client.CallToolAsync("get_config");
        Assert.NotEqual(true, config.IsError);
        Assert.Contains("scrape_configs", McpAssert.SingleText(config));
        // The step-up kept the read scope: the query tools still work with the new token.
        Assert.NotEqual(true, (await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" })).IsError);
    }

    [Fact]
    public async Task Alice_asking_for_the_admin_scope_is_refused_by_the_provider_with_a_message()
    {
        var endpoints = await PkceLogin.ProviderEndpoints.DiscoverAsync(new Uri(fixture.Issuer));
        var request = AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, AdminScopes);

        var outcome = await HttpLoginBrowser.AuthorizeAsync(request.Url(endpoints.Authorization), request.RedirectUri,
            "alice", "alice-dev-password", ConsentChoice.Allow);

        Assert.Null(outcome.Code);
        Assert.Equal("access_denied", outcome.Error);
        Assert.Equal("The user 'alice' may not be granted every requested scope: the scope prometheus:admin requires the role admin. " +
                     "Ask for fewer scopes, or ask an administrator for the role.", outcome.Parameters["error_description"]);
        Assert.Equal(request.State, outcome.Parameters["state"]);
    }

    [Fact]
    public async Task A_header_that_disagrees_with_the_body_gets_400_from_the_gateway()
    {
        var alice = await fixture.LoginAsync("alice", "alice-dev-password", ReadScopes);

        using var request = McpHttp.Post(fixture.McpUrl, alice.AccessToken, Call("get_config"));
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", "whoami");
        var answer = await McpHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(-32020, answer.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Header mismatch: Mcp-Name 'whoami' does not match the body's params.name 'get_config'.",
            answer.Json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_mcp_server_itself_hides_and_refuses_admin_tools_for_a_caller_without_the_scope()
    {
        var key = Encoding.UTF8.GetBytes(await fixture.GatewayIdentityKeyAsync());
        var reader = new Dictionary<string, string> { ["X-McpSecure-Identity"] = SignIdentity(key, "mcp:tools prometheus:read", "reader") };
        var admin = new Dictionary<string, string> { ["X-McpSecure-Identity"] = SignIdentity(key, "mcp:tools prometheus:read prometheus:admin", "admin") };

        await using var direct = await McpConnection.ConnectAsync(fixture.McpServerUrl, headers: reader);
        var listed = (await direct.ListToolsAsync()).Select(tool => tool.Name).ToList();
        Assert.DoesNotContain("get_config", listed);
        Assert.Contains("execute_query", listed);
        var refused = await Assert.ThrowsAsync<McpProtocolException>(() => direct.CallToolAsync("get_config").AsTask());
        Assert.Contains("Access denied: The tool 'get_config' requires the scope prometheus:admin.", refused.Message);

        // Positive control: the same server, a caller with the scope.
        await using var allowed = await McpConnection.ConnectAsync(fixture.McpServerUrl, headers: admin);
        Assert.NotEqual(true, (await allowed.CallToolAsync("get_flags")).IsError);
    }

    private static async Task<string[]> ToolNamesAsync(Uri endpoint, string token)
    {
        await using var client = await McpConnection.ConnectAsync(endpoint, token);
        return (await client.ListToolsAsync()).Select(tool => tool.Name).ToArray();
    }

    private static string SignIdentity(byte[] key, string scope, string role)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "mcpsecure-gateway",
            Audience = "mcpsecure-mcp-server",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(2),
            Subject = new ClaimsIdentity([new("sub", "direct-" + role), new("scope", scope), new("role", role)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
