using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.AppHost;

public sealed class AppHostOptionsTests
{
    private static readonly string AppHostDirectory = Path.Combine(Path.GetTempPath(), "mcpsecure-apphost");

    private static AppHostOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        using var services = new ServiceCollection().AddAppHostOptions(configuration, AppHostDirectory).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AppHostOptions>>().Value;
    }

    private static IEnumerable<string> Failures(params (string Key, string Value)[] settings) =>
        Assert.Throws<OptionsValidationException>(() => Bind(settings)).Failures;

    [Fact]
    public void Binds_the_section_and_resolves_the_data_folder_against_the_apphost_directory()
    {
        var options = Bind(("McpSecure:Mode", "Embedded"), ("McpSecure:GatewayPort", "6100"), ("McpSecure:DataPath", "data"));

        Assert.Equal(HostingMode.Embedded, options.Mode);
        Assert.Equal(6100, options.GatewayPort);
        Assert.Equal(Path.Combine(AppHostDirectory, "data"), options.DataPath);
    }

    [Fact]
    public void Without_a_data_path_the_data_lives_in_the_default_folder_beside_the_apphost()
    {
        Assert.Equal(Path.Combine(AppHostDirectory, AppHostOptions.DefaultDataFolder), Bind().DataPath);
    }

    [Theory]
    [InlineData("McpSecure:GatewayPort", "0")]
    [InlineData("McpSecure:GatewayPort", "65536")]
    [InlineData("McpSecure:IdentityPort", "-1")]
    public void A_port_out_of_range_is_refused_naming_its_key(string key, string value)
    {
        var failure = Assert.Single(Failures((key, value)));

        Assert.StartsWith($"{key} must be a TCP port", failure);
        Assert.Contains(value, failure);
    }

    [Fact]
    public void The_gateway_and_the_identity_provider_cannot_share_a_port()
    {
        var failure = Assert.Single(Failures(("McpSecure:GatewayPort", "5200"), ("McpSecure:IdentityPort", "5200")));

        Assert.Contains("McpSecure:GatewayPort and McpSecure:IdentityPort must differ", failure);
    }

    [Fact]
    public void An_undefined_mode_is_refused_naming_the_key_and_the_valid_modes()
    {
        var failure = Assert.Single(Failures(("McpSecure:Mode", "7")));

        Assert.StartsWith("McpSecure:Mode must be one of Auto, Containers, Embedded", failure);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/realms/mcpsecure")]
    [InlineData("ftp://issuer.example")]
    public void An_external_issuer_must_be_an_absolute_http_url(string issuer)
    {
        var failure = Assert.Single(Failures(("McpSecure:ExternalIssuer", issuer)));

        Assert.StartsWith("McpSecure:ExternalIssuer must be an absolute http or https URL", failure);
    }

    [Fact]
    public void An_external_public_client_needs_an_external_issuer()
    {
        var failure = Assert.Single(Failures(("McpSecure:ExternalPublicClientId", "my-client")));

        Assert.Contains("McpSecure:ExternalPublicClientId", failure);
        Assert.Contains("McpSecure:ExternalIssuer, which is not set", failure);
    }

    [Fact]
    public void An_external_provider_with_its_public_client_is_accepted()
    {
        var options = Bind(("McpSecure:ExternalIssuer", "https://login.example/"), ("McpSecure:ExternalPublicClientId", "my-client"));

        Assert.Equal("my-client", options.ExternalPublicClientId);
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        var failures = Failures(("McpSecure:GatewayPort", "0"), ("McpSecure:IdentityPort", "0"), ("McpSecure:ExternalIssuer", "x"));

        Assert.Equal(4, failures.Count()); // two ports out of range, equal ports, the issuer
    }
}
