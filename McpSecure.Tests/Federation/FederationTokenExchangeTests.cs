using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// Kept upstream tokens and the RFC 8693 token exchange, end to end: alice and bob sign in at the upstream provider;
/// the MCP server's own confidential client (the realm's <c>mcp-machine</c>) presents a user's token for the gateway and
/// gets that user's upstream access token, which the upstream provider's userinfo accepts as that user. The token for
/// the gateway never reaches the upstream provider (it prints the SHA-256 of every token presented to it).
/// </summary>
public sealed partial class FederationTests
{
    private const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    private async Task<string> GatewayTokenAsync(string login)
    {
        using var browser = new FederationHttpBrowser();
        var discovered = await DiscoverFromGatewayAsync();
        var (request, callback) = await StartAtUpstreamAsync(browser, login);
        var arrived = await browser.FollowAsync(callback, new Uri(request.RedirectUri));
        return (await RedeemAsync(discovered.Token, request, arrived.Url)).AccessToken;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ExchangeAsync(string subjectToken, string audience,
        string clientId = FederationAppFixture.ExchangeClientId, string clientSecret = FederationAppFixture.ExchangeClientSecret)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.IdentityUrl, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = TokenExchange,
                ["subject_token"] = subjectToken,
                ["subject_token_type"] = AccessTokenType,
                ["requested_token_type"] = AccessTokenType,
                ["audience"] = audience,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private async Task<string> UpstreamSubjectAsync(string upstreamAccessToken)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var discovery = await http.GetFromJsonAsync<JsonElement>($"{fixture.UpstreamIssuer}/.well-known/openid-configuration");
        using var request = new HttpRequestMessage(HttpMethod.Get, discovery.GetProperty("userinfo_endpoint").GetString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upstreamAccessToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"upstream userinfo: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("sub").GetString()!;
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [Fact]
    public async Task The_mcp_servers_client_exchanges_alices_gateway_token_for_alices_upstream_token_and_bobs_for_bobs()
    {
        var alice = await GatewayTokenAsync("alice");
        var bob = await GatewayTokenAsync("bob");

        var (aliceStatus, aliceAnswer) = await ExchangeAsync(alice, FederationAppFixture.UpstreamApiAudience);
        var (bobStatus, bobAnswer) = await ExchangeAsync(bob, FederationAppFixture.UpstreamApiAudience);

        Assert.True(aliceStatus == HttpStatusCode.OK, $"exchange for alice: {(int)aliceStatus} {aliceAnswer}");
        Assert.Equal(HttpStatusCode.OK, bobStatus);
        Assert.Equal(AccessTokenType, aliceAnswer.GetProperty("issued_token_type").GetString());
        Assert.Equal("Bearer", aliceAnswer.GetProperty("token_type").GetString());
        var aliceUpstream = aliceAnswer.GetProperty("access_token").GetString()!;
        var bobUpstream = bobAnswer.GetProperty("access_token").GetString()!;
        Assert.NotEqual(alice, aliceUpstream);
        Assert.NotEqual(aliceUpstream, bobUpstream);

        // The upstream provider itself says whose tokens they are.
        Assert.Equal("alice", await UpstreamSubjectAsync(aliceUpstream));
        Assert.Equal("bob", await UpstreamSubjectAsync(bobUpstream));

        // The upstream saw its own token (the check can see tokens) but never our tokens for the gateway.
        var presented = fixture.UpstreamOutput.ToList();
        Assert.Contains($"presented-sha256 {Sha256(aliceUpstream)}", presented);
        Assert.DoesNotContain($"presented-sha256 {Sha256(alice)}", presented);
        Assert.DoesNotContain($"presented-sha256 {Sha256(bob)}", presented);

        // No token in any log line of McpSecure.Identity or the gateway.
        foreach (var lines in fixture.Logs.Snapshot().Values)
        {
            Assert.DoesNotContain(lines, line => line.Contains(aliceUpstream, StringComparison.Ordinal) || line.Contains(alice, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_audience_off_the_list_a_machine_token_and_a_wrong_client_secret_are_refused_with_oauth_errors()
    {
        var alice = await GatewayTokenAsync("alice");

        var (otherAudience, otherAnswer) = await ExchangeAsync(alice, "https://other-api.example");
        Assert.Equal(HttpStatusCode.BadRequest, otherAudience);
        Assert.Equal("invalid_target", otherAnswer.GetProperty("error").GetString());

        var (wrongSecret, wrongSecretAnswer) = await ExchangeAsync(alice, FederationAppFixture.UpstreamApiAudience, clientSecret: "not-the-secret");
        // RFC 6749 §5.2: 401 when the client authenticated with the Authorization header.
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret);
        Assert.Equal("invalid_client", wrongSecretAnswer.GetProperty("error").GetString());

        // The machine client's own token stands for no user: no upstream identity to hand out.
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var machine = await http.PostAsync(new Uri(fixture.IdentityUrl, "/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = FederationAppFixture.ExchangeClientId,
            ["client_secret"] = FederationAppFixture.ExchangeClientSecret,
            ["resource"] = fixture.McpUrl.AbsoluteUri,
        }));
        var machineToken = (await machine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var (machineStatus, machineAnswer) = await ExchangeAsync(machineToken, FederationAppFixture.UpstreamApiAudience);
        Assert.Equal(HttpStatusCode.BadRequest, machineStatus);
        Assert.Equal("invalid_grant", machineAnswer.GetProperty("error").GetString());
    }
}
