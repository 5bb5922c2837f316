using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.GatewayIdentity;
using McpSecure.UnitTests.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.AppHost;

/// <summary>
/// <c>McpSecure:Gateway</c> in the AppHost's configuration reaches the gateway: bound and validated, written as the
/// gateway's environment, and, fed to the real gateway, it accepts the tokens of a provider like LemonLDAP::NG (no
/// <c>mcp:tools</c> scope, <c>typ: JWT</c>, a fixed extra audience, roles in <c>groups</c>, name in <c>preferred_username</c>).
/// </summary>
public sealed class GatewaySettingsTests
{
    private const string ExtraAudience = "lemonldap-client";

    private static readonly (string Key, string Value)[] ExternalProviderSettings =
    [
        ("McpSecure:ExternalIssuer", "https://auth.example.org/"),
        ("McpSecure:Gateway:RequiredScopes:0", "openid"),
        ("McpSecure:Gateway:ScopesSupported:0", "openid"),
        ("McpSecure:Gateway:ScopesSupported:1", "profile"),
        ("McpSecure:Gateway:AdditionalAudiences:0", ExtraAudience),
        ("McpSecure:Gateway:AcceptedTokenTypes:0", "JWT"),
        ("McpSecure:Gateway:NameClaim", "preferred_username"),
        ("McpSecure:Gateway:RoleClaims:0", "groups"),
    ];

    private static AppHostOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        using var services = new ServiceCollection().AddAppHostOptions(configuration, Path.GetTempPath()).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AppHostOptions>>().Value;
    }

    private static async Task<Dictionary<string, string>> GatewayEnvironmentAsync(AppHostOptions options)
    {
        var builder = AppModel.CreateBuilder();
        var gateway = builder.AddGateway(options);
        var environment = await AppModel.EnvironmentAsync(gateway.Resource);
        return environment.Where(e => e.Key.StartsWith("Gateway__", StringComparison.Ordinal) && e.Value is string)
            .ToDictionary(e => e.Key, e => (string)e.Value);
    }

    [Fact]
    public async Task Configured_lists_replace_the_gateways_own_with_blank_entries_after_them()
    {
        var environment = await GatewayEnvironmentAsync(Bind(ExternalProviderSettings));

        Assert.Equal("openid", environment["Gateway__RequiredScopes__0"]);
        Assert.Equal("", environment["Gateway__RequiredScopes__1"]);
        Assert.Equal("", environment[$"Gateway__RequiredScopes__{GatewaySettings.MaxListEntries - 1}"]);
        Assert.Equal("profile", environment["Gateway__ScopesSupported__1"]);
        Assert.Equal(ExtraAudience, environment["Gateway__AuthorizationServer__AdditionalAudiences__0"]);
        Assert.Equal("JWT", environment["Gateway__TokenValidation__AcceptedTokenTypes__0"]);
        Assert.Equal("preferred_username", environment["Gateway__Claims__NameClaim"]);
        Assert.Equal("groups", environment["Gateway__Claims__RoleClaims__0"]);
    }

    [Fact]
    public async Task Forwarding_the_access_token_is_off_unless_the_apphost_turns_it_on()
    {
        Assert.DoesNotContain("Gateway__IdentityForwarding__ForwardAccessToken", (await GatewayEnvironmentAsync(Bind())).Keys);
        var environment = await GatewayEnvironmentAsync(Bind(("McpSecure:Gateway:ForwardAccessToken", "true")));
        Assert.Equal("true", environment["Gateway__IdentityForwarding__ForwardAccessToken"]);
    }

    [Fact]
    public async Task Without_the_section_the_gateway_keeps_its_own_defaults()
    {
        var environment = await GatewayEnvironmentAsync(Bind());

        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Gateway__RequiredScopes", StringComparison.Ordinal)
            || key.StartsWith("Gateway__Claims", StringComparison.Ordinal) || key.StartsWith("Gateway__TokenValidation", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gateways_own_lists_fit_in_the_entries_a_configured_list_blanks()
    {
        // If the gateway's appsettings.json grows a longer list, a shorter list from the AppHost would leave its tail.
        var appsettings = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "gateway-appsettings.json"), optional: false).Build();
        foreach (var list in new[] { "Gateway:RequiredScopes", "Gateway:ScopesSupported", "Gateway:AuthorizationServer:AdditionalAudiences",
                     "Gateway:TokenValidation:AcceptedTokenTypes", "Gateway:Claims:RoleClaims" })
        {
            Assert.True(appsettings.GetSection(list).GetChildren().Count() <= GatewaySettings.MaxListEntries, list);
        }
    }

    [Theory]
    [InlineData("McpSecure:Gateway:RequiredScopes:0", "mcp:tools prometheus:read", "McpSecure:Gateway:RequiredScopes entries must be single names")]
    [InlineData("McpSecure:Gateway:NameClaim", "preferred username", "McpSecure:Gateway:NameClaim must be a claim name")]
    [InlineData("McpSecure:Gateway:Replicas", "0", "McpSecure:Gateway:Replicas must be from 1 to 8 (found 0)")]
    [InlineData("McpSecure:Gateway:Replicas", "9", "McpSecure:Gateway:Replicas must be from 1 to 8 (found 9)")]
    public void Unusable_values_are_refused_at_start_up_naming_the_key(string key, string value, string message)
    {
        var failures = Assert.Throws<OptionsValidationException>(() => Bind((key, value))).Failures;
        Assert.Contains(failures, failure => failure.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_longer_than_the_entries_a_configured_list_blanks_is_refused()
    {
        var settings = Enumerable.Range(0, GatewaySettings.MaxListEntries + 1).Select(i => ($"McpSecure:Gateway:RoleClaims:{i}", $"claim{i}")).ToArray();
        var failures = Assert.Throws<OptionsValidationException>(() => Bind(settings)).Failures;
        Assert.Contains($"McpSecure:Gateway:RoleClaims may have at most {GatewaySettings.MaxListEntries} entries (found 9).", failures);
    }

    [Fact]
    public async Task The_gateway_given_that_environment_accepts_the_external_providers_tokens_and_maps_its_claims()
    {
        var environment = await GatewayEnvironmentAsync(Bind(ExternalProviderSettings));
        using var gateway = new GatewayApp();
        foreach (var (key, value) in environment.Where(e => !e.Key.StartsWith("Gateway__AuthorizationServer__Issuer", StringComparison.Ordinal)
                     && !e.Key.StartsWith("Gateway__PublicBaseUrl", StringComparison.Ordinal)))
        {
            gateway.Settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
        gateway.Settings.Remove("Gateway:ToolAccess:Tools:*:Scopes:0"); // ping needs no tool rule
        using var client = gateway.CreateClient();

        var token = FakeIdentityProvider.CreateToken(ExtraAudience, descriptor =>
        {
            descriptor.TokenType = "JWT";
            descriptor.Subject = new([new("sub", "dwho"), new("preferred_username", "dwho"), new("scope", "openid profile"),
                new("groups", "admins"), new("groups", "readers")]);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        using var metadata = JsonDocument.Parse(await client.GetStringAsync("/.well-known/oauth-protected-resource/mcp"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var identity = new JsonWebToken(Assert.Single(gateway.Upstream.Received.Last()[GatewayIdentityDefaults.HeaderName]));
        Assert.Equal("dwho", identity.GetClaim("name").Value);
        Assert.Equal(["admins", "readers"], identity.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.Equal(["openid", "profile"], metadata.RootElement.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_token_type_that_is_not_accepted_is_refused_naming_the_setting()
    {
        using var gateway = new GatewayApp();
        gateway.Settings["Gateway:TokenValidation:AcceptedTokenTypes:0"] = "at+jwt";
        using var client = gateway.CreateClient();
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, descriptor => descriptor.TokenType = "JWT");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("AcceptedTokenTypes", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public void Replicas_run_behind_the_fixed_port_as_configured_and_one_gateway_by_default()
    {
        var replicated = AppModel.CreateBuilder().AddGateway(Bind(("McpSecure:Gateway:Replicas", "2"))).Resource;
        var single = AppModel.CreateBuilder().AddGateway(Bind()).Resource;

        Assert.Equal(2, replicated.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        Assert.Empty(single.Annotations.OfType<ReplicaAnnotation>());
        // The fixed port belongs to Aspire's proxy, which spreads connections over the replicas.
        var endpoint = replicated.Annotations.OfType<EndpointAnnotation>().Single();
        Assert.Equal((Bind().GatewayPort, true), (endpoint.Port, endpoint.IsProxied));
    }
}
