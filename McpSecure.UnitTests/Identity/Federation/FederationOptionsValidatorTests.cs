using McpSecure.Identity.Configuration;
using McpSecure.Identity.Federation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Identity.Federation;

public sealed class FederationOptionsValidatorTests
{
    private static FederationOptions Valid() => new()
    {
        Issuer = "https://login.example.com/realms/example",
        ClientId = "mcpsecure-identity",
    };

    private static IReadOnlyList<string> Failures(FederationOptions options) =>
        new FederationOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Federation_is_off_and_valid_without_an_issuer()
    {
        var options = new FederationOptions { ClientId = "" };

        Assert.False(options.IsEnabled);
        Assert.Empty(Failures(options));
    }

    [Fact]
    public void A_confidential_or_public_upstream_client_is_valid()
    {
        Assert.Empty(Failures(Valid()));
        var confidential = Valid();
        confidential.ClientSecret = "a-secret";
        Assert.Empty(Failures(confidential));
    }

    [Fact]
    public void The_client_id_is_required_and_named_by_its_full_key()
    {
        var options = Valid();
        options.ClientId = " ";

        Assert.Contains(Failures(options), failure => failure.StartsWith("Identity:Federation:ClientId is required in federation mode", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.example.com", "Identity:Federation:Issuer may use plain http only on a loopback host")]
    [InlineData("https://login.example.com/?tenant=1", "Identity:Federation:Issuer must be the upstream provider's issuer")]
    [InlineData("https://user:pw@login.example.com/", "Identity:Federation:Issuer must be the upstream provider's issuer")]
    [InlineData("login.example.com", "Identity:Federation:Issuer must be the upstream provider's issuer")]
    [InlineData("ftp://login.example.com", "Identity:Federation:Issuer must be the upstream provider's issuer")]
    public void An_issuer_that_is_not_https_or_loopback_http_is_refused(string issuer, string expected)
    {
        var options = Valid();
        options.Issuer = issuer;

        Assert.Contains(Failures(options), failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_loopback_http_issuer_is_allowed_for_development()
    {
        var options = Valid();
        options.Issuer = "http://localhost:19080";

        Assert.Empty(Failures(options));
    }

    [Fact]
    public void Scopes_without_openid_are_refused_because_the_nonce_travels_in_the_id_token()
    {
        var options = Valid();
        options.Scopes = ["profile", "email"];

        Assert.Contains(Failures(options), failure => failure.StartsWith("Identity:Federation:Scopes must contain 'openid'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scope_with_a_space_is_named_by_its_index()
    {
        var options = Valid();
        options.Scopes = ["openid", "profile email"];

        Assert.Contains(Failures(options), failure => failure.StartsWith("Identity:Federation:Scopes:1 must be one scope", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_claim_names_and_roles_are_named_by_their_full_keys()
    {
        var options = Valid();
        options.Claims.Subject = "";
        options.Claims.Roles = ["groups", " "];
        options.RoleMap["mcp-admins"] = "";
        options.DefaultRoles = [""];
        options.ClientSecret = "  ";

        var failures = Failures(options);

        Assert.Contains(failures, failure => failure.StartsWith("Identity:Federation:Claims:Subject must name an upstream claim", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:Federation:Claims:Roles:1 must name an upstream claim", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:Federation:RoleMap:mcp-admins must name a realm role", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:Federation:DefaultRoles:0 must name a realm role", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:Federation:ClientSecret must not be blank", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_ask_for_the_standard_scopes_and_read_roles_and_groups()
    {
        var options = Valid();

        Assert.Equal(["openid", "profile", "email"], options.EffectiveScopes);
        Assert.Equal(["roles", "groups"], options.Claims.EffectiveRoles);
        Assert.Equal("sub", options.Claims.Subject);
        Assert.Equal("preferred_username", options.Claims.Username);
    }

    [Fact]
    public void Bound_from_configuration_a_bad_value_stops_start_up_with_the_full_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identity:Federation:Issuer"] = "https://login.example.com",
            ["Identity:Federation:Scopes:0"] = "profile",
            ["Identity:Federation:RoleMap:mcp-admins"] = "admin",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddValidatedOptions<FederationOptions, FederationOptionsValidator>(FederationOptions.SectionName);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FederationOptions>>().Value);

        Assert.Contains("Identity:Federation:ClientId is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:Federation:Scopes must contain 'openid'", error.Message, StringComparison.Ordinal);
        Assert.True(FederationMode.From(configuration).IsEnabled);
    }
}
