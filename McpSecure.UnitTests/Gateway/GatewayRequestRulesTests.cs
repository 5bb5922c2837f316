using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Gateway;

/// <summary>Refusals that come before token validation, and the gateway's start-up checks, through the real pipeline.</summary>
public sealed class GatewayRequestRulesTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    [Fact]
    public async Task Token_in_the_query_string_gets_400_invalid_request_and_is_not_proxied()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        var before = app.Upstream.Received.Count;
        using var client = app.CreateClient();

        using var response = await client.PostAsync($"/mcp?access_token={token}", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("invalid_request", (await GatewayPipelineTests.ErrorAsync(response)).Error);
        Assert.Equal(before, app.Upstream.Received.Count);
    }

    [Fact]
    public async Task Two_authorization_headers_get_400_even_when_both_tokens_are_valid()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {token}", $"Bearer {token}"]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid_request", "The request has more than one Authorization header: send exactly one."),
            await GatewayPipelineTests.ErrorAsync(response));
    }

    [Fact]
    public async Task Gateway_does_not_start_on_configuration_that_misses_a_key_and_says_which()
    {
        await using var broken = new GatewayApp();
        broken.Settings["Gateway:IdentityForwarding:SigningKey"] = "too-short";

        var error = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());

        Assert.Contains("Gateway:IdentityForwarding:SigningKey is required, at least 32 bytes", error.Message);
    }
}

/// <summary>A gateway in introspection mode whose provider is down, shared by the tests of one class.</summary>
public sealed class ProviderDownGateway : IDisposable
{
    public ProviderDownGateway()
    {
        App.Provider.Available = false;
        App.Settings["Gateway:TokenValidation:Mode"] = "Introspection";
        App.Settings["Gateway:TokenValidation:ClientId"] = "mcp-gateway";
        App.Settings["Gateway:TokenValidation:ClientSecret"] = "unit-test-secret";
    }

    public GatewayApp App { get; } = new();

    public void Dispose() => App.Dispose();
}

/// <summary>The gateway while its provider is unreachable: 503 with Retry-After, never a 401 that would discard a good token.</summary>
public sealed class ProviderUnavailableTests(ProviderDownGateway gateway) : IClassFixture<ProviderDownGateway>
{
    private GatewayApp App => gateway.App;

    [Fact]
    public async Task Mirrored_metadata_answers_503_temporarily_unavailable_with_retry_after()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var (error, description) = await GatewayPipelineTests.ErrorAsync(response);
        Assert.Equal("temporarily_unavailable", error);
        Assert.StartsWith($"The authorization server {FakeIdentityProvider.Issuer} is unreachable", description);
    }

    [Fact]
    public async Task Opaque_token_that_cannot_be_introspected_gets_503_not_401()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "opaque-token-value");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal("temporarily_unavailable", (await GatewayPipelineTests.ErrorAsync(response)).Error);
        Assert.Empty(App.Upstream.Received);
    }
}
