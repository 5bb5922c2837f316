using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests;

/// <summary>
/// The protected MCP path end to end, in Embedded mode: challenge, discovery, a real PKCE login, MCP calls
/// through the gateway with real Prometheus data, and rejection of tokens that must not pass.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ProtectedPathTests(EmbeddedAppFixture fixture)
{
    private const string InitializeRequest =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpsecure-tests","version":"1.0"}}}""";

    private string ResourceMetadataUrl => new Uri(fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;

    [Fact]
    public async Task Step1_post_without_token_gets_401_with_resource_metadata_challenge()
    {
        var before = await McpServerTraffic.CountAsync(fixture.App);
        using var http = EmbeddedAppFixture.CreateRawClient();

        using var response = await http.PostAsync(fixture.McpUrl, JsonContent(InitializeRequest));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal($"""Bearer resource_metadata="{ResourceMetadataUrl}", scope="mcp:tools" """.TrimEnd(), challenge.ToString());
        Assert.Equal(before, await McpServerTraffic.CountAsync(fixture.App));
    }

    [Fact]
    public async Task Step2_resource_metadata_names_the_gateway_resource_and_the_identity_issuer()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();

        using var response = await http.GetAsync(ResourceMetadataUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(fixture.McpUrl.AbsoluteUri, metadata.GetProperty("resource").GetString());
        var authorizationServer = Assert.Single(metadata.GetProperty("authorization_servers").EnumerateArray()).GetString();
        Assert.Equal(fixture.Issuer, authorizationServer);
        Assert.Contains("mcp:tools", metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["header"], metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(s => s.GetString()!));

        // The named authorization server really is the provider: its RFC 8414 metadata states the same issuer.
        var serverMetadata = await http.GetFromJsonAsync<JsonElement>(new Uri(new Uri(authorizationServer!), ".well-known/oauth-authorization-server"));
        Assert.Equal(authorizationServer, serverMetadata.GetProperty("issuer").GetString());
        Assert.Equal(["S256"], serverMetadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(s => s.GetString()!));
    }

    [Fact]
    public async Task Step3_pkce_login_yields_a_jwt_whose_audience_is_the_resource()
    {
        var token = await LoginAsync("alice", "alice-dev-password");

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("Bearer", token.TokenType, ignoreCase: true);
        Assert.Equal([fixture.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal(fixture.Issuer, jwt.Issuer);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Contains("mcp:tools", jwt.GetClaim("scope").Value.Split(' '));
        Assert.Equal("alice", jwt.GetClaim("preferred_username").Value);
    }

    [Fact]
    public async Task Step4_mcp_client_initializes_lists_tools_and_queries_prometheus_through_the_gateway()
    {
        var token = await LoginAsync("alice", "alice-dev-password");
        var before = await McpServerTraffic.CountAsync(fixture.App);

        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token.AccessToken);

        Assert.Equal("McpSecure.PrometheusMcp", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "execute_query");

        var result = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" });
        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        // Prometheus scrapes itself and our services; a scraped target that answers has up = 1.
        Assert.Matches("""up\{[^}]*job="prometheus"[^}]*\} 1""", text);
        Assert.Matches("""up\{[^}]*job="gateway"[^}]*\} 1""", text);

        // The requests reached the MCP server (this counter is the one the negative tests expect not to move).
        Assert.True(await McpServerTraffic.WaitForCountAboveAsync(fixture.App, before, TimeSpan.FromSeconds(5)) > before);
    }

    public static TheoryData<string> RejectedTokens => ["other-audience", "expired", "bad-signature", "tampered-payload", "garbage"];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Step5_tokens_that_must_not_pass_get_401_invalid_token_and_never_reach_the_mcp_server(string kind)
    {
        var forge = new TokenForge(Path.Combine(fixture.DataPath, "identity"), fixture.Issuer, fixture.McpUrl.AbsoluteUri);
        var (token, expectedDescription) = kind switch
        {
            "other-audience" => (forge.Create(d => d.Audience = "http://localhost:1/some-other-api"), "audience is not this resource"),
            "expired" => (forge.Create(d =>
            {
                d.IssuedAt = DateTime.UtcNow.AddHours(-2);
                d.NotBefore = DateTime.UtcNow.AddHours(-2);
                d.Expires = DateTime.UtcNow.AddHours(-1);
            }), "expired"),
            "bad-signature" => (forge.Create(credentials: forge.ImpostorKey()), "signature"),
            "tampered-payload" => (TokenForge.TamperPayload((await LoginAsync("alice", "alice-dev-password")).AccessToken,
                payload => payload.Replace("\"alice\"", "\"bob\"")), "signature"),
            _ => ("not-a-jwt", "well-formed"),
        };
        var before = await McpServerTraffic.CountAsync(fixture.App);
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.McpUrl) { Content = JsonContent(InitializeRequest) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
        Assert.StartsWith($"""Bearer resource_metadata="{ResourceMetadataUrl}", error="invalid_token", error_description=" """.TrimEnd(), challenge);
        Assert.Contains(expectedDescription, challenge, StringComparison.OrdinalIgnoreCase);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_token", body.GetProperty("error").GetString());
        Assert.Equal(before, await McpServerTraffic.CountAsync(fixture.App));
    }

    [Fact]
    public async Task Step5_control_the_forge_makes_tokens_the_gateway_accepts()
    {
        // Without this, the negative cases could pass because the forge is broken rather than because the gateway checks.
        var forge = new TokenForge(Path.Combine(fixture.DataPath, "identity"), fixture.Issuer, fixture.McpUrl.AbsoluteUri);
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.McpUrl) { Content = JsonContent(InitializeRequest) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forge.Create());
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<PkceLogin.TokenResponse> LoginAsync(string username, string password) =>
        PkceLogin.GetTokenAsync(new Uri(fixture.Issuer), fixture.McpUrl.AbsoluteUri, username, password);

    private static StringContent JsonContent(string json)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return content;
    }
}
