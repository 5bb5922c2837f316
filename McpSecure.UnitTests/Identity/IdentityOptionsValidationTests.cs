using McpSecure.Identity.ClientRegistration;
using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Identity;

public sealed class IdentityOptionsValidationTests : IDisposable
{
    private readonly string _realmFile = Path.GetTempFileName();

    public void Dispose() => File.Delete(_realmFile);

    private IdentityProviderOptions ValidOptions() => new()
    {
        Issuer = "http://localhost:5101/",
        DataPath = Path.GetTempPath(),
        RealmFile = _realmFile,
        Resources = ["http://localhost:5100/mcp"],
    };

    private static IReadOnlyList<string> Failures(IdentityProviderOptions options) =>
        new IdentityProviderOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Valid_options_pass()
    {
        Assert.Empty(Failures(ValidOptions()));
    }

    [Fact]
    public void Missing_values_are_each_reported_with_their_full_key()
    {
        var failures = Failures(new IdentityProviderOptions());

        Assert.Contains(failures, failure => failure.StartsWith("Identity:Issuer is required", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:DataPath is required", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:RealmFile is required", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:Resources must list at least one", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://idp.example/", "Identity:Issuer may use plain http only on a loopback host")]
    [InlineData("https://idp.example/?tenant=1", "Identity:Issuer must be an absolute http(s) URL without query or fragment")]
    [InlineData("idp.example", "Identity:Issuer must be an absolute http(s) URL")]
    public void An_issuer_that_is_not_https_or_loopback_http_is_refused(string issuer, string expected)
    {
        var options = ValidOptions();
        options.Issuer = issuer;

        Assert.StartsWith(expected, Assert.Single(Failures(options)));
    }

    [Fact]
    public void A_bad_resource_is_named_by_its_index_and_a_missing_realm_file_by_its_path()
    {
        var options = ValidOptions();
        options.Resources = ["http://localhost:5100/mcp", "http://localhost:5100/mcp#tools"];
        options.RealmFile = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var failures = Failures(options);

        Assert.Contains(failures, failure => failure.StartsWith("Identity:Resources:1 must be an absolute http(s) URI without fragment", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Identity:RealmFile points to", StringComparison.Ordinal) && failure.Contains(options.RealmFile, StringComparison.Ordinal));
    }

    [Fact]
    public void The_rotation_period_must_outlast_an_access_token()
    {
        var options = ValidOptions();
        options.AccessTokenLifetime = TimeSpan.FromHours(2);
        options.SigningKeyRotationPeriod = TimeSpan.FromHours(2);

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("Identity:SigningKeyRotationPeriod must be longer than Identity:AccessTokenLifetime", failure);
    }

    [Fact]
    public void Registration_limits_must_be_positive_and_each_failure_names_its_key()
    {
        var result = new ClientRegistrationOptionsValidator().Validate(null,
            new ClientRegistrationOptions { MaxRedirectUris = 0, RegistrationsPerMinute = -1 });

        Assert.Equal(new[]
        {
            "Identity:ClientRegistration:MaxRedirectUris must be a positive number (got 0).",
            "Identity:ClientRegistration:RegistrationsPerMinute must be a positive number (got -1).",
        }, result.Failures);
    }

    [Fact]
    public void Registration_limits_bind_from_the_Identity_ClientRegistration_section_and_are_checked_on_first_use()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Identity:ClientRegistration:MaxRedirectUris"] = "7",
                ["Identity:ClientRegistration:RegistrationsPerMinute"] = "0",
            })
            .Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddDynamicClientRegistration()
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClientRegistrationOptions>>().Value);

        Assert.Equal(["Identity:ClientRegistration:RegistrationsPerMinute must be a positive number (got 0)."], error.Failures);
    }
}
