using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.Identity;

/// <summary>
/// RFC 7591 dynamic client registration: advertised in discovery, open to public clients with loopback or https
/// redirect URIs, limited, and rejected with the RFC's error codes. (The per-minute limit is proven on an app of its
/// own in <see cref="RestartPersistenceTests"/>, so that exhausting it does not disturb these tests.)
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class DynamicClientRegistrationTests(EmbeddedAppFixture fixture)
{
    private Uri Issuer => new(fixture.Issuer);

    [Theory]
    [InlineData(".well-known/openid-configuration")]
    [InlineData(".well-known/oauth-authorization-server")]
    public async Task Discovery_advertises_the_registration_endpoint(string path)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();

        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(Issuer, path));

        Assert.Equal(new Uri(Issuer, "connect/register").AbsoluteUri, metadata.GetProperty("registration_endpoint").GetString());
        var scopes = metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("mcp:tools", scopes);
        Assert.Contains("prometheus:read", scopes);
        Assert.Contains("prometheus:admin", scopes);
        Assert.Contains("none", metadata.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("client_secret_post")]
    [InlineData("client_secret_basic")]
    public async Task A_client_asking_for_a_secret_is_registered_as_a_public_client_without_one(string requestedMethod)
    {
        var (status, body, response) = await IdentityBrowser.RegisterAsync(Issuer, new
        {
            redirect_uris = new[] { Loopback.RedirectUri() },
            token_endpoint_auth_method = requestedMethod,
        });
        response.Dispose();

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.False(body.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task A_public_loopback_client_registers_and_signs_a_user_in_for_the_resource()
    {
        var redirectUri = Loopback.RedirectUri();
        var (status, body, response) = await IdentityBrowser.RegisterAsync(Issuer, new
        {
            redirect_uris = new[] { redirectUri, "https://app.example.com/oauth/callback" },
            client_name = "Test MCP client",
            token_endpoint_auth_method = "none",
            grant_types = new[] { "authorization_code", "refresh_token" },
            response_types = new[] { "code" },
        });
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
        var clientId = body.GetProperty("client_id").GetString()!;
        Assert.StartsWith("mcp-dyn-", clientId);
        Assert.Equal("none", body.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal("Test MCP client", body.GetProperty("client_name").GetString());
        Assert.Equal([redirectUri, "https://app.example.com/oauth/callback"], body.GetProperty("redirect_uris").EnumerateArray().Select(u => u.GetString()!));
        Assert.False(body.TryGetProperty("client_secret", out _));

        var (_, token) = await PkceLogin.LoginAsync(Issuer,
            AuthorizationRequest.Create(fixture.McpUrl.AbsoluteUri, "openid offline_access mcp:tools prometheus:admin", clientId, redirectUri),
            "bob", "bob-dev-password");

        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal([fixture.McpUrl.AbsoluteUri], jwt.Audiences);
        Assert.Equal(clientId, jwt.GetClaim("client_id").Value);
        Assert.Contains("prometheus:admin", jwt.GetClaim("scope").Value.Split(' '));
        Assert.False(string.IsNullOrEmpty(token.RefreshToken));
    }

    public static TheoryData<string, string, string> RejectedRegistrations => new()
    {
        { """{"redirect_uris":["http://app.example.com/callback"]}""", "invalid_redirect_uri", "https, or http on a loopback host" },
        { """{"redirect_uris":["myapp:/callback"]}""", "invalid_redirect_uri", "https, or http on a loopback host" },
        { """{"redirect_uris":["https://app.example.com/cb#fragment"]}""", "invalid_redirect_uri", "fragment" },
        { """{"redirect_uris":["not a uri"]}""", "invalid_redirect_uri", "not an absolute URI" },
        { """{"redirect_uris":["/relative/callback"]}""", "invalid_redirect_uri", "https, or http on a loopback host" },
        { """{"client_name":"no redirect"}""", "invalid_redirect_uri", "'redirect_uris' is required" },
        { """{"redirect_uris":[]}""", "invalid_redirect_uri", "'redirect_uris' is required" },
        { """{"redirect_uris":["http://127.0.0.1:1/a","http://127.0.0.1:1/b","http://127.0.0.1:1/c","http://127.0.0.1:1/d","http://127.0.0.1:1/e","http://127.0.0.1:1/f"]}""", "invalid_redirect_uri", "At most 5 redirect URIs" },
        { "{\"redirect_uris\":[\"https://app.example.com/" + new string('a', 600) + "\"]}", "invalid_redirect_uri", "at most 512 characters" },
        { "{\"redirect_uris\":[\"http://127.0.0.1:9/cb\"],\"client_name\":\"" + new string('n', 101) + "\"}", "invalid_client_metadata", "'client_name' may be at most 100 characters" },
        { """{"redirect_uris":["http://127.0.0.1:9/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "invalid_client_metadata", "Only public clients may register" },
        { """{"redirect_uris":["http://127.0.0.1:9/cb"],"grant_types":["client_credentials"]}""", "invalid_client_metadata", "grant_types" },
        { """{"redirect_uris":["http://127.0.0.1:9/cb"],"response_types":["token"]}""", "invalid_client_metadata", "response_types" },
        { """{"redirect_uris":["http://127.0.0.1:9/cb"],"scope":"mcp:tools root:everything"}""", "invalid_client_metadata", "Unknown scope 'root:everything'" },
        { """["not","an","object"]""", "invalid_client_metadata", "JSON object" },
        { """{"redirect_uris": """, "invalid_client_metadata", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(RejectedRegistrations))]
    public async Task Invalid_metadata_is_rejected_with_the_RFC_7591_error(string json, string expectedError, string expectedDescription)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();

        using var response = await http.PostAsync(new Uri(Issuer, "connect/register"),
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expectedError, body.GetProperty("error").GetString());
        Assert.Contains(expectedDescription, body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Metadata_that_is_not_UTF8_or_too_large_without_a_length_is_rejected_not_a_server_error()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var register = new Uri(Issuer, "connect/register");

        // A valid JSON structure whose client_name holds a byte that is no UTF-8 (the parser reads strings lazily).
        var latin1 = System.Text.Encoding.Latin1.GetBytes("{\"redirect_uris\":[\"http://127.0.0.1:9/cb\"],\"client_name\":\"caf\xE9\"}");
        using var notUtf8 = new ByteArrayContent(latin1) { Headers = { ContentType = new("application/json") } };
        await AssertRejectedAsync(await http.PostAsync(register, notUtf8), "not valid UTF-8");

        // Chunked, so there is no Content-Length for the early check: the body is still bounded.
        using var oversized = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "{\"redirect_uris\":[\"http://127.0.0.1:9/cb\"],\"client_name\":\"" + new string('n', 20_000) + "\"}")))
            { Headers = { ContentType = new("application/json") } };
        using var chunked = new HttpRequestMessage(HttpMethod.Post, register) { Content = oversized };
        chunked.Headers.TransferEncodingChunked = true;
        await AssertRejectedAsync(await http.SendAsync(chunked), "may be at most 16384 bytes");

        static async Task AssertRejectedAsync(HttpResponseMessage response, string expectedDescription)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("invalid_client_metadata", body.GetProperty("error").GetString());
                Assert.Contains(expectedDescription, body.GetProperty("error_description").GetString());
            }
        }
    }
}
