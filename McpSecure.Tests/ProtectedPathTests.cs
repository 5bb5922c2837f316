using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests;

/// <summary>
/// The protected MCP path end to end, in Embedded mode: challenge, discovery, a real PKCE login, MCP calls
/// through the gateway with real Prometheus data, and a real token that must not pass once altered. Every other
/// token or request the gateway refuses, each with its exact answer, is in <see cref="Gateway.GatewayRejectionTests"/>.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ProtectedPathTests(EmbeddedAppFixture fixture)
{
    private string ResourceMetadataUrl => new Uri(fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;

    [Fact]
    public async Task Step1_post_without_token_gets_401_with_resource_metadata_challenge()
    {
        var before = await McpServerTraffic.CountAsync(fixture.App);

        var answer = await McpHttp.InitializeAsync(fixture.McpUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        // The required scope, and the one the ordinary tools need (Gateway:ToolAccess "*"), so that one login covers them.
        Assert.Equal($"""Bearer resource_metadata="{ResourceMetadataUrl}", scope="mcp:tools prometheus:read" """.TrimEnd(), answer.Challenge);
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
        var token = await fixture.LoginAsync("alice", "alice-dev-password");

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
        var token = await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read");
        var before = await McpServerTraffic.CountAsync(fixture.App);

        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token.AccessToken);

        Assert.Equal("McpSecure.PrometheusMcp", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "execute_query");

        // Prometheus scrapes itself and our services; a scraped target that answers has up = 1.
        var text = await McpAssert.ServesRealDataAsync(client);
        Assert.Matches("""up\{[^}]*job="prometheus"[^}]*\} 1""", text);

        // The requests reached the MCP server (this counter is the one the refused requests must not move).
        Assert.True(await McpServerTraffic.WaitForCountAboveAsync(fixture.App, before, TimeSpan.FromSeconds(5)) > before);
    }

    [Fact]
    public async Task Step5_a_real_token_with_an_altered_claim_gets_401_invalid_token_and_never_reaches_the_mcp_server()
    {
        // The token of step 3 with alice's name replaced by bob's, not re-signed.
        var real = (await fixture.LoginAsync("alice", "alice-dev-password")).AccessToken;
        var tampered = TokenForge.TamperPayload(real, payload => payload.Replace("\"alice\"", "\"bob\""));
        Assert.NotEqual(real, tampered);
        var before = await McpServerTraffic.CountAsync(fixture.App);

        var answer = await McpHttp.InitializeAsync(fixture.McpUrl, tampered);

        const string description = "The token signature is invalid or missing.";
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal($"""Bearer resource_metadata="{ResourceMetadataUrl}", error="invalid_token", error_description="{description}" """.TrimEnd(), answer.Challenge);
        Assert.Equal("invalid_token", answer.Json.GetProperty("error").GetString());
        Assert.Equal(description, answer.Json.GetProperty("error_description").GetString());
        Assert.Equal(before, await McpServerTraffic.CountAsync(fixture.App));
    }
}
