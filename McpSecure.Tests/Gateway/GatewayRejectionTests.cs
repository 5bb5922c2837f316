using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Tests.Gateway;

/// <summary>
/// Every way a request can fail to be authorized, each with its exact status and <c>WWW-Authenticate</c>, and
/// proof from the MCP server's own request counter that none of them reached it. The two refusals of the protected
/// path's story, no token at all (step 1) and a real token with an altered claim (step 5), are asserted in
/// <see cref="ProtectedPathTests"/>.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class GatewayRejectionTests(EmbeddedAppFixture fixture)
{
    /// <summary>One bad request: how to build it, and the exact answer expected.</summary>
    public sealed record Case(string Name, HttpStatusCode Status, string? Error, string? Description, bool ChallengesWithScope = false)
    {
        public override string ToString() => Name;
    }

    private static readonly DateTime Past = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Future = DateTime.UtcNow.Date.AddDays(2);

    public static TheoryData<string> Cases =>
    [
        "non-Bearer scheme", "garbage", "expired", "not yet valid", "wrong issuer", "wrong audience",
        "alg none", "HS256 with the provider's public key", "impostor key with the provider's kid", "unknown kid", "not an access token type",
        "token in the query string", "two Authorization headers", "oversized Authorization header",
        "spoofed identity header without token", "disallowed Origin", "valid token without the required scope",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_token_or_request_gets_its_exact_answer_and_never_reaches_the_mcp_server(string name)
    {
        var forge = fixture.Forge;
        var url = fixture.McpUrl;
        using var request = McpHttp.Post(url);
        void Bearer(string token) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var expected = name switch
        {
            "non-Bearer scheme" => new Case(name, HttpStatusCode.Unauthorized, null, null, ChallengesWithScope: true),
            "garbage" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", "The token is not a well-formed JWT."),
            "expired" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", "The token expired at 2020-01-01T00:10:00Z."),
            "not yet valid" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", $"The token is not valid before {Future:yyyy-MM-ddTHH:mm:ssZ}."),
            "wrong issuer" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", $"The token was not issued by {fixture.Issuer}."),
            "wrong audience" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token",
                $"The token's audience is not this resource: request a token with resource={fixture.McpUrl.AbsoluteUri}."),
            "alg none" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", "The token's signing algorithm 'none' is not allowed."),
            "impostor key with the provider's kid" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", "The token signature is invalid or missing."),
            "HS256 with the provider's public key" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", "The token's signing algorithm 'HS256' is not allowed."),
            "unknown kid" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token", "The token is signed with a key that the authorization server does not publish."),
            "not an access token type" => new Case(name, HttpStatusCode.Unauthorized, "invalid_token",
                "The token is not an access token (typ 'id_token+jwt'); accepted: at+jwt, application/at+jwt, JWT (Gateway:TokenValidation:AcceptedTokenTypes)."),
            "token in the query string" => new Case(name, HttpStatusCode.BadRequest, "invalid_request",
                "Access tokens in the query string are not accepted (RFC 6750 section 2.3): send an 'Authorization: Bearer' header."),
            "two Authorization headers" => new Case(name, HttpStatusCode.BadRequest, "invalid_request", "The request has more than one Authorization header: send exactly one."),
            "oversized Authorization header" => new Case(name, HttpStatusCode.BadRequest, "invalid_request", "The Authorization header is larger than 16384 bytes."),
            "spoofed identity header without token" => new Case(name, HttpStatusCode.Unauthorized, null, null, ChallengesWithScope: true),
            "disallowed Origin" => new Case(name, HttpStatusCode.Forbidden, null, null),
            "valid token without the required scope" => new Case(name, HttpStatusCode.Forbidden, "insufficient_scope",
                "The token lacks a required scope; request: mcp:tools.", ChallengesWithScope: true),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
        };

        switch (name)
        {
            case "non-Bearer scheme": request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6YWxpY2UtZGV2LXBhc3N3b3Jk"); break;
            case "garbage": Bearer("not-a-jwt"); break;
            case "expired": Bearer(forge.Create(d => { d.IssuedAt = Past; d.NotBefore = Past; d.Expires = Past.AddMinutes(10); })); break;
            case "not yet valid": Bearer(forge.Create(d => { d.NotBefore = Future; d.Expires = Future.AddMinutes(10); })); break;
            case "wrong issuer": Bearer(forge.Create(d => d.Issuer = "http://localhost:1/not-the-issuer")); break;
            case "wrong audience": Bearer(forge.Create(d => d.Audience = "http://localhost:1/some-other-api")); break;
            case "alg none": Bearer(forge.Unsigned()); break;
            case "HS256 with the provider's public key": Bearer(forge.Create(credentials: forge.HmacWithProviderPublicKey())); break;
            case "impostor key with the provider's kid": Bearer(forge.Create(credentials: forge.ImpostorKey())); break;
            case "unknown kid": Bearer(forge.Create(credentials: TokenForge.UnknownKey())); break;
            case "not an access token type": Bearer(forge.Create(d => d.TokenType = "id_token+jwt")); break;
            case "token in the query string": request.RequestUri = new Uri($"{url}?access_token={forge.Create()}"); break;
            case "two Authorization headers":
                // Sent raw below: HttpClient would fold the two headers into one line.
                break;
            case "oversized Authorization header": Bearer(new string('a', 20_000)); break;
            case "spoofed identity header without token":
                request.Headers.TryAddWithoutValidation("X-McpSecure-Identity", forge.Create());
                break;
            case "disallowed Origin":
                Bearer(forge.Create());
                request.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
                break;
            case "valid token without the required scope":
                Bearer(forge.Create(d => d.Subject = new System.Security.Claims.ClaimsIdentity([new("sub", "someone"), new("scope", "openid profile")])));
                break;
        }

        var before = await McpServerTraffic.CountAsync(fixture.App);
        var (status, challenge, body) = name == "two Authorization headers"
            ? await SendWithTwoAuthorizationHeadersAsync(forge)
            : await SendAsync(request);

        Assert.Equal(expected.Status, status);
        if (expected.Status == HttpStatusCode.Forbidden && expected.Error is null)
        {
            Assert.Equal("", challenge);
            Assert.Equal("origin_not_allowed", body.GetProperty("error").GetString());
        }
        else
        {
            Assert.Equal(ExpectedChallenge(expected), challenge);
            if (expected.Error is not null)
            {
                Assert.Equal(expected.Error, body.GetProperty("error").GetString());
                Assert.Equal(expected.Description, body.GetProperty("error_description").GetString());
            }
        }
        Assert.Equal(before, await McpServerTraffic.CountAsync(fixture.App));
    }

    private static async Task<(HttpStatusCode Status, string Challenge, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        var answer = await McpHttp.SendAsync(request);
        return (answer.Status, answer.Challenge, answer.Text.Length > 0 ? answer.Json : default);
    }

    private async Task<(HttpStatusCode Status, string Challenge, JsonElement Body)> SendWithTwoAuthorizationHeadersAsync(TokenForge forge)
    {
        var response = await RawHttp.SendAsync(fixture.McpUrl, "POST",
        [
            ("Content-Type", "application/json"),
            ("Accept", "application/json, text/event-stream"),
            ("Authorization", $"Bearer {forge.Create()}"),
            ("Authorization", $"Bearer {forge.Create()}"),
        ], McpHttp.InitializeBody);
        return (response.Status, string.Join(" | ", response.Values("WWW-Authenticate")), JsonDocument.Parse(response.Body).RootElement);
    }

    [Fact]
    public async Task Control_the_forge_makes_tokens_the_gateway_accepts()
    {
        // Without this, the cases above could pass because the forge is broken rather than because the gateway checks.
        var before = await McpServerTraffic.CountAsync(fixture.App);

        var answer = await McpHttp.InitializeAsync(fixture.McpUrl, fixture.Forge.Create());

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(await McpServerTraffic.WaitForCountAboveAsync(fixture.App, before, TimeSpan.FromSeconds(5)) > before);
    }

    [Fact]
    public async Task Preflight_from_an_allowed_origin_gets_the_mcp_cors_headers()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, fixture.McpUrl);
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:6274");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization,content-type,mcp-session-id,mcp-protocol-version,last-event-id");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:6274", Single(response, "Access-Control-Allow-Origin"));
        var allowedHeaders = Single(response, "Access-Control-Allow-Headers").ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "mcp-session-id", "mcp-protocol-version", "last-event-id" })
        {
            Assert.Contains(header, allowedHeaders);
        }
        Assert.Contains("POST", Single(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Allowed_origin_sees_the_challenge_headers_it_needs_and_a_disallowed_preflight_is_refused()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = McpHttp.Post(fixture.McpUrl);
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:6274");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("http://localhost:6274", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("WWW-Authenticate", Single(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, fixture.McpUrl);
        preflight.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
        preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        using var refused = await http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private string ExpectedChallenge(Case expected)
    {
        var metadata = new Uri(fixture.GatewayUrl, "/.well-known/oauth-protected-resource/mcp").AbsoluteUri;
        var parts = new List<string> { $"resource_metadata=\"{metadata}\"" };
        if (expected.Error is not null)
        {
            parts.Add($"error=\"{expected.Error}\"");
            parts.Add($"error_description=\"{expected.Description}\"");
        }
        if (expected.ChallengesWithScope)
        {
            parts.Add("scope=\"mcp:tools prometheus:read\"");
        }
        return "Bearer " + string.Join(", ", parts);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}
