using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>The provider's other endpoints as clients use them: discovery, userinfo, introspection, revocation, end-session.</summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ProviderEndpointTests(EmbeddedAppFixture fixture)
{
    private Uri Issuer => new(fixture.Issuer);

    [Fact]
    public async Task Discovery_lists_every_endpoint_and_only_S256()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();

        var metadata = await http.GetFromJsonAsync<JsonElement>(new Uri(Issuer, ".well-known/openid-configuration"));

        Assert.Equal(fixture.Issuer, metadata.GetProperty("issuer").GetString());
        foreach (var (name, path) in new[]
        {
            ("authorization_endpoint", "connect/authorize"), ("token_endpoint", "connect/token"),
            ("userinfo_endpoint", "connect/userinfo"), ("introspection_endpoint", "connect/introspect"),
            ("revocation_endpoint", "connect/revoke"), ("end_session_endpoint", "connect/endsession"),
            ("jwks_uri", ".well-known/jwks"), ("registration_endpoint", "connect/register"),
        })
        {
            Assert.Equal(new Uri(Issuer, path).AbsoluteUri, metadata.GetProperty(name).GetString());
        }
        Assert.Equal(["S256"], metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()!));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"],
            metadata.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()!).Order());
    }

    [Fact]
    public async Task Userinfo_returns_the_signed_in_users_claims()
    {
        var token = await fixture.LoginAsync("alice", "alice-dev-password");
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Issuer, "connect/userinfo"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", claims.GetProperty("preferred_username").GetString());
        Assert.Equal("alice@example.com", claims.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Introspection_reports_a_machine_token_active_and_garbage_inactive()
    {
        var machine = (ClientCredentialsTests.MachineClientId, ClientCredentialsTests.MachineClientSecret);
        var (_, issued) = await IdentityBrowser.TokenAsync(Issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["resource"] = fixture.McpUrl.AbsoluteUri,
        }, machine);
        var accessToken = issued.GetProperty("access_token").GetString()!;

        var active = await IntrospectAsync(accessToken, machine);
        var garbage = await IntrospectAsync("not-a-token", machine);

        Assert.True(active.GetProperty("active").GetBoolean(), active.ToString());
        Assert.Equal(ClientCredentialsTests.MachineClientId, active.GetProperty("client_id").GetString());
        Assert.Equal(fixture.Issuer, active.GetProperty("iss").GetString());
        Assert.False(garbage.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_refresh_token_no_longer_refreshes()
    {
        var token = await fixture.LoginAsync("alice", "alice-dev-password");
        using var http = EmbeddedAppFixture.CreateRawClient();

        using var revoked = await http.PostAsync(new Uri(Issuer, "connect/revoke"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = AuthorizationRequest.PublicClientId,
            ["token"] = token.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
        }));
        var (status, body) = await IdentityBrowser.TokenAsync(Issuer, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = AuthorizationRequest.PublicClientId,
            ["refresh_token"] = token.RefreshToken!,
        });

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task End_session_signs_the_user_out_and_returns_home()
    {
        using var http = EmbeddedAppFixture.CreateRawClient();

        using var response = await http.GetAsync(new Uri(Issuer, "connect/endsession"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private async Task<JsonElement> IntrospectAsync(string token, (string Id, string Secret) client)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issuer, "connect/introspect"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
