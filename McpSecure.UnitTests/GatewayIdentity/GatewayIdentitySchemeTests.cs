using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.GatewayIdentity;

/// <summary>The MCP server's side of the contract: the authentication scheme and its two policies.</summary>
public sealed class GatewayIdentitySchemeTests
{
    [Fact]
    public async Task Identity_written_by_the_gateway_becomes_the_caller()
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var identity = server.Writer().Write(GatewayIdentityServer.User("alice", "mcp:tools prometheus:read", "reader", "admin"));

        var response = await server.GetAsync("/required", identity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice|alice|mcp:tools prometheus:read|admin reader|mcp-client", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_an_identity_the_required_policy_answers_401_naming_the_header()
    {
        await using var server = await GatewayIdentityServer.StartAsync();

        var response = await server.GetAsync("/required");

        var error = await ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(GatewayIdentityDefaults.MissingIdentityError, error.Code);
        Assert.Contains(GatewayIdentityDefaults.HeaderName, error.Description);
    }

    [Fact]
    public async Task Without_an_identity_the_verified_or_anonymous_policy_serves_an_anonymous_caller()
    {
        await using var server = await GatewayIdentityServer.StartAsync();

        var response = await server.GetAsync("/optional");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/required")]
    [InlineData("/optional")]
    public async Task Identity_signed_with_another_key_is_refused_under_both_policies(string path)
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var forged = server.Writer(new string('k', 48)).Write(GatewayIdentityServer.User("bob", roles: "admin"));

        var error = await ErrorAsync(await server.GetAsync(path, forged), HttpStatusCode.Unauthorized);

        Assert.Equal(GatewayIdentityDefaults.InvalidIdentityError, error.Code);
        Assert.Contains("signature", error.Description);
    }

    [Fact]
    public async Task Identity_is_refused_once_its_lifetime_and_the_clock_skew_have_passed()
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var identity = server.Writer().Write(GatewayIdentityServer.User("carol"));

        server.Time.Advance(GatewayIdentityDefaults.Lifetime + GatewayIdentityDefaults.ClockSkew - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/optional", identity)).StatusCode);

        server.Time.Advance(TimeSpan.FromSeconds(2));
        var error = await ErrorAsync(await server.GetAsync("/optional", identity), HttpStatusCode.Unauthorized);
        Assert.Contains("expired", error.Description);
    }

    [Fact]
    public async Task Identity_from_the_future_is_refused_as_not_yet_valid()
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var writerClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(server.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        var identity = new GatewayIdentityTokenWriter(GatewayIdentityServer.Key, writerClock).Write(GatewayIdentityServer.User("carol"));

        var error = await ErrorAsync(await server.GetAsync("/optional", identity), HttpStatusCode.Unauthorized);

        Assert.Contains("not valid yet", error.Description);
    }

    [Fact]
    public async Task Two_identity_headers_are_refused_even_when_both_verify()
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var writer = server.Writer();

        var response = await server.GetAsync("/optional",
            writer.Write(GatewayIdentityServer.User("alice")), writer.Write(GatewayIdentityServer.User("bob")));

        var error = await ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("more than one", error.Description);
    }

    [Theory]
    [InlineData("mcpsecure-gateway", "another-audience", "not meant for an MCP server")]
    [InlineData("someone-else", "mcpsecure-mcp-server", "not issued by the gateway")]
    public async Task Identity_with_the_right_key_but_another_issuer_or_audience_is_refused(string issuer, string audience, string reason)
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var identity = Sign(server, issuer, audience, SecurityAlgorithms.HmacSha256);

        var error = await ErrorAsync(await server.GetAsync("/optional", identity), HttpStatusCode.Unauthorized);

        Assert.Contains(reason, error.Description);
    }

    [Fact]
    public async Task Identity_signed_with_another_hmac_algorithm_is_refused()
    {
        await using var server = await GatewayIdentityServer.StartAsync();
        var identity = Sign(server, GatewayIdentityDefaults.Issuer, GatewayIdentityDefaults.Audience, SecurityAlgorithms.HmacSha512,
            Encoding.UTF8.GetBytes(GatewayIdentityServer.Key + GatewayIdentityServer.Key));

        var error = await ErrorAsync(await server.GetAsync("/optional", identity), HttpStatusCode.Unauthorized);

        Assert.Equal(GatewayIdentityDefaults.InvalidIdentityError, error.Code);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJib2IifQ.")]
    public async Task Garbage_and_unsigned_identities_are_refused_without_echoing_them(string identity)
    {
        await using var server = await GatewayIdentityServer.StartAsync();

        var error = await ErrorAsync(await server.GetAsync("/optional", identity), HttpStatusCode.Unauthorized);

        Assert.Equal(GatewayIdentityDefaults.InvalidIdentityError, error.Code);
        Assert.DoesNotContain(identity, error.Description);
    }

    [Theory]
    [InlineData(null, "GatewayIdentity:SigningKey is required")]
    [InlineData("too-short", "GatewayIdentity:SigningKey must be at least 32 bytes")]
    public async Task Server_without_a_usable_key_does_not_start_and_names_the_key(string? key, string message)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayIdentityServer.StartAsync(key));

        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public void Caller_is_read_only_from_an_identity_the_gateway_scheme_authenticated()
    {
        var bearer = GatewayIdentityServer.User("alice");
        var gateway = new ClaimsPrincipal(new ClaimsIdentity(bearer.Claims, GatewayIdentityDefaults.AuthenticationScheme));

        Assert.Null(GatewayCaller.From(bearer));
        Assert.Null(GatewayCaller.From(null));
        Assert.Equal("alice", GatewayCaller.From(gateway)?.Subject);
        Assert.True(GatewayCaller.From(gateway)!.HasScope("mcp:tools"));
    }

    private static string Sign(GatewayIdentityServer server, string issuer, string audience, string algorithm, byte[]? key = null)
    {
        var now = server.Time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory" },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(key ?? Encoding.UTF8.GetBytes(GatewayIdentityServer.Key)), algorithm),
        });
    }

    private static async Task<(string Code, string Description)> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("error").GetString()!, body.RootElement.GetProperty("error_description").GetString()!);
    }
}
