using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Tests.ScaleOut;

/// <summary>
/// Federation mode scaled out: two McpSecure.Identity replicas on one real PostgreSQL. They start together on an empty
/// database and agree on one schema, one realm, one key set; a client registered on one signs in through both, every
/// step of the sign-in on the other replica than the step before (the federation state, the sign-in cookie, the consent
/// form's antiforgery token and ticket, the authorization code and the refresh token all cross over); the tokens of
/// either validate with the other's JWKS, as a gateway pointed at the shared issuer does. The upstream tokens kept at a
/// sign-in on one replica are exchanged (RFC 8693) on the other.
/// </summary>
[Trait("Category", "ScaleOut")]
public sealed class IdentityReplicasOnPostgreSqlTests(IdentityReplicasFixture fixture) : IClassFixture<IdentityReplicasFixture>
{
    private const string Scopes = "openid profile offline_access mcp:tools";

    private static Uri On(Uri replica, Uri url) => new UriBuilder(url) { Host = replica.Host, Port = replica.Port }.Uri;

    private static async Task<string> JwksAsync(Uri replica)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(replica, "/.well-known/openid-configuration"));
        return await http.GetStringAsync(On(replica, new Uri(metadata.GetProperty("jwks_uri").GetString()!)));
    }

    [Fact]
    public async Task Two_replicas_started_at_once_on_an_empty_database_publish_the_same_key_set()
    {
        var jwksA = await JwksAsync(fixture.ReplicaA.Url);
        var jwksB = await JwksAsync(fixture.ReplicaB.Url);

        Assert.Equal(jwksA, jwksB);
        // The first start generates the active key and the next one, once: not one pair per replica.
        Assert.Equal(2, new JsonWebKeySet(jwksA).Keys.Count);
        var generated = fixture.ReplicaA.Output + fixture.ReplicaB.Output;
        Assert.Equal(1, Occurrences(generated, "Generated the first signing key"));
        Assert.Equal(1, Occurrences(generated, "Created the identity store's tables"));
        Assert.Equal(1, Occurrences(generated, "Created the Data Protection key"));
    }

    [Fact]
    public async Task A_client_registered_on_one_replica_signs_in_through_both_and_either_replicas_tokens_validate_with_the_others_keys()
    {
        var redirectUri = Loopback.RedirectUri();
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var registration = await http.PostAsync(new Uri(fixture.ReplicaA.Url, "/connect/register"), new StringContent(
            JsonSerializer.Serialize(new { redirect_uris = new[] { redirectUri }, client_name = "Scale-out test client", token_endpoint_auth_method = "none" }),
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registration.StatusCode);
        var clientId = (await registration.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_id").GetString()!;

        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.ReplicaB.Url, "/.well-known/openid-configuration"));
        var authorization = new Uri(metadata.GetProperty("authorization_endpoint").GetString()!);
        var tokenEndpoint = new Uri(metadata.GetProperty("token_endpoint").GetString()!);
        var request = AuthorizationRequest.Create(fixture.Resource, Scopes, clientId, redirectUri);

        // Round robin from replica B: the authorization request for the client registered on A lands on B.
        using var browser = new ReplicaRoutingBrowser(new Uri(fixture.Issuer), [fixture.ReplicaB.Url, fixture.ReplicaA.Url]);
        var arrival = await browser.AuthorizeAsync(request.Url(authorization), redirectUri, "bob");

        var served = browser.Served;
        var callback = served.FindIndex(step => step.Request == "GET /federation/callback");
        Assert.True(callback > 0, $"no upstream callback among {Describe(served)}");
        // The upstream's answer reached the other replica than the one that sent the user there (its state, nonce and PKCE).
        Assert.NotEqual(served[callback - 1].Replica, served[callback].Replica);
        Assert.StartsWith("GET /federation/login", served[callback - 1].Request);
        // A dynamically registered client never gets silent consent; the form was posted to the other replica.
        Assert.NotNull(arrival.ConsentPage);
        var consentPost = served.FindLastIndex(step => step.Request == "POST /connect/authorize");
        Assert.True(consentPost > 0, $"no consent form posted among {Describe(served)}");
        Assert.NotEqual(served[consentPost - 1].Replica, served[consentPost].Replica);

        var parameters = QueryString.Parse(arrival.RedirectUrl.Query);
        Assert.True(parameters.ContainsKey("code"), $"no code in {arrival.RedirectUrl}");
        Assert.Equal(request.State, parameters["state"]);

        // The code, issued by one replica, is redeemed at the other; the refresh token at the first.
        var codeIssuedBy = browser.ReplicaUrl(served[consentPost].Replica);
        var redeemedAt = codeIssuedBy == fixture.ReplicaA.Url ? fixture.ReplicaB.Url : fixture.ReplicaA.Url;
        var first = await TokenAsync(On(redeemedAt, tokenEndpoint), request.CodeRedemption(parameters["code"]));
        Assert.NotNull(first.RefreshToken);
        var refreshedAt = codeIssuedBy;
        var second = await TokenAsync(On(refreshedAt, tokenEndpoint), new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = first.RefreshToken!,
            ["client_id"] = clientId,
            ["resource"] = fixture.Resource,
        });
        Assert.NotEqual(first.AccessToken, second.AccessToken);

        // Each token validates with the keys the other replica publishes, as a gateway that fetched either JWKS does.
        await AssertValidAsync(first.AccessToken, await JwksAsync(refreshedAt));
        await AssertValidAsync(second.AccessToken, await JwksAsync(redeemedAt));
        Assert.Equal(new JsonWebToken(first.AccessToken).Kid, new JsonWebToken(second.AccessToken).Kid);
        Assert.Equal("bob", new JsonWebToken(second.AccessToken).Subject);
    }

    [Fact]
    public async Task The_upstream_token_kept_at_a_sign_in_on_replica_A_is_exchanged_on_replica_B()
    {
        var redirectUri = Loopback.RedirectUri();
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var registration = await http.PostAsync(new Uri(fixture.ReplicaA.Url, "/connect/register"), new StringContent(
            JsonSerializer.Serialize(new { redirect_uris = new[] { redirectUri }, client_name = "Scale-out exchange client", token_endpoint_auth_method = "none" }),
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registration.StatusCode);
        var clientId = (await registration.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_id").GetString()!;
        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(fixture.ReplicaA.Url, "/.well-known/openid-configuration"));
        var authorization = new Uri(metadata.GetProperty("authorization_endpoint").GetString()!);
        var tokenEndpoint = new Uri(metadata.GetProperty("token_endpoint").GetString()!);
        var request = AuthorizationRequest.Create(fixture.Resource, Scopes, clientId, redirectUri);

        // Every step of alice's sign-in on replica A: A keeps her upstream tokens.
        using var browser = new ReplicaRoutingBrowser(new Uri(fixture.Issuer), [fixture.ReplicaA.Url]);
        var arrival = await browser.AuthorizeAsync(request.Url(authorization), redirectUri, "alice");
        Assert.Contains(browser.Served, step => step.Request == "GET /federation/callback");
        var parameters = QueryString.Parse(arrival.RedirectUrl.Query);
        Assert.True(parameters.ContainsKey("code"), $"no code in {arrival.RedirectUrl}");
        var gatewayToken = (await TokenAsync(On(fixture.ReplicaA.Url, tokenEndpoint), request.CodeRedemption(parameters["code"]))).AccessToken;

        // The MCP server's client exchanges her token for the gateway at replica B.
        using var exchange = new HttpRequestMessage(HttpMethod.Post, On(fixture.ReplicaB.Url, tokenEndpoint))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
                ["subject_token"] = gatewayToken,
                ["subject_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
                ["requested_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
                ["audience"] = IdentityReplicasFixture.UpstreamApiAudience,
            }),
        };
        exchange.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{IdentityReplicasFixture.ExchangeClientId}:{IdentityReplicasFixture.ExchangeClientSecret}")));
        using var exchanged = await http.SendAsync(exchange);
        var answer = await exchanged.Content.ReadAsStringAsync();
        Assert.True(exchanged.StatusCode == HttpStatusCode.OK, $"exchange at replica B: {(int)exchanged.StatusCode} {answer}");
        var upstreamToken = JsonDocument.Parse(answer).RootElement.GetProperty("access_token").GetString()!;
        Assert.NotEqual(gatewayToken, upstreamToken);

        // The upstream provider itself says it is alice's token.
        var upstream = await http.GetFromJsonAsync<JsonElement>($"{fixture.UpstreamIssuer}/.well-known/openid-configuration");
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, upstream.GetProperty("userinfo_endpoint").GetString());
        userinfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upstreamToken);
        using var user = await http.SendAsync(userinfo);
        var userBody = await user.Content.ReadAsStringAsync();
        Assert.True(user.StatusCode == HttpStatusCode.OK, $"upstream userinfo: {(int)user.StatusCode} {userBody}");
        Assert.Equal("alice", JsonDocument.Parse(userBody).RootElement.GetProperty("sub").GetString());

        // Shared through the database, not through files: neither replica has an upstream-tokens folder; no token is logged.
        Assert.False(Directory.Exists(Path.Combine(fixture.DataPath("a"), "upstream-tokens")));
        Assert.False(Directory.Exists(Path.Combine(fixture.DataPath("b"), "upstream-tokens")));
        Assert.Contains("Kept the upstream tokens of subject", fixture.ReplicaA.Output);
        Assert.DoesNotContain(upstreamToken, fixture.ReplicaA.Output + fixture.ReplicaB.Output);
    }

    [Fact]
    public void No_replica_logs_the_database_password_or_the_upstream_client_secret()
    {
        foreach (var output in new[] { fixture.ReplicaA.Output, fixture.ReplicaB.Output })
        {
            Assert.Contains("PostgreSQL database 'identitydb'", output);
            Assert.DoesNotContain(fixture.Postgres.Password, output);
            Assert.DoesNotContain(fixture.UpstreamSecret, output);
        }
    }

    [Fact]
    public async Task A_replica_whose_database_is_unreachable_stops_at_start_up_naming_the_key_and_the_host_but_not_the_password()
    {
        const string password = "never-printed-7f3a9c";
        var closedPort = Loopback.FreeTcpPort();
        var environment = fixture.Environment("unreachable",
            $"Host=127.0.0.1;Port={closedPort};Database=identitydb;Username=identity;Password={password};Timeout=5");
        environment["Identity__Storage__StartupRetryPeriod"] = "00:00:02";
        await using var replica = IdentityReplicaProcess.Start(Loopback.FreeTcpPort(), environment);

        // Bounded only against a hang: refused connections are retried for 2 s, the limit is far above that.
        await replica.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, replica.ExitCode);
        Assert.Contains("ConnectionStrings:identitydb", replica.Output);
        Assert.Contains($"127.0.0.1:{closedPort}", replica.Output);
        Assert.DoesNotContain(password, replica.Output);
    }

    private static async Task<PkceLogin.TokenResponse> TokenAsync(Uri tokenEndpoint, Dictionary<string, string> form)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Token request at {tokenEndpoint} failed: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<PkceLogin.TokenResponse>(body)!;
    }

    private async Task AssertValidAsync(string accessToken, string jwks)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = fixture.Issuer,
            ValidAudience = fixture.Resource,
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidTypes = ["at+jwt"],
        });
        Assert.True(result.IsValid, $"The access token does not validate: {result.Exception?.Message}");
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static string Describe(IEnumerable<(string Request, int Replica)> served) =>
        string.Join(", ", served.Select(step => $"{step.Request}@{step.Replica}"));
}
