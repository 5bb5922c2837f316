using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.AppInfo;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.AppHost;

/// <summary>Federation mode in the app model: McpSecure:UpstreamIssuer and friends, in both hosting modes.</summary>
public sealed class FederationModeTests
{
    private static AppHostOptions Federated() => new()
    {
        IdentityPort = 5401,
        DataPath = Path.GetTempPath(),
        UpstreamIssuer = "https://login.example.com/realms/example",
        UpstreamClientId = "mcpsecure-identity",
    };

    private static async Task<(IDistributedApplicationBuilder Builder, ProjectResource Identity, Dictionary<string, object> Environment)> AddAsync(
        HostingMode mode, AppHostOptions options, params string[] args)
    {
        var builder = AppModel.CreateBuilder(args);
        var provider = builder.AddIdentityProvider(mode, options, ReferenceExpression.Create($"http://localhost:5400/mcp"));
        var project = Assert.IsType<ProjectResource>(provider.Resource!.Resource);
        return (builder, project, await AppModel.EnvironmentAsync(project));
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Containers")]
    public async Task Both_hosting_modes_run_the_identity_project_federating_with_the_upstream_provider(string mode)
    {
        var (builder, identity, environment) = await AddAsync(Enum.Parse<HostingMode>(mode), Federated());

        Assert.Equal("identity", identity.Name);
        Assert.Empty(builder.Resources.OfType<ContainerResource>());
        Assert.Equal("https://login.example.com/realms/example", environment["Identity__Federation__Issuer"]);
        Assert.Equal("mcpsecure-identity", environment["Identity__Federation__ClientId"]);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "identity-federation"), environment["Identity__DataPath"]);
        Assert.Equal("http://localhost:5400/mcp", Assert.IsType<ReferenceExpression>(environment["Identity__Resources__0"]).Format);
        // A public upstream client: no secret, and no parameter the dashboard would ask for.
        Assert.DoesNotContain("Identity__Federation__ClientSecret", environment.Keys);
        Assert.Empty(builder.Resources.OfType<ParameterResource>());
    }

    [Fact]
    public async Task The_dashboard_links_the_upstream_provider_with_a_text_that_says_federation()
    {
        var (_, identity, _) = await AddAsync(HostingMode.Embedded, Federated());

        var url = Assert.Single(identity.Annotations.OfType<ResourceUrlAnnotation>());
        Assert.Equal("https://login.example.com/realms/example", url.Url);
        Assert.StartsWith("Federation: users sign in at https://login.example.com/realms/example", url.DisplayText);
    }

    [Fact]
    public async Task A_configured_client_secret_becomes_a_secret_parameter_passed_to_the_identity_project()
    {
        var (builder, _, environment) = await AddAsync(HostingMode.Embedded, Federated(), "--Parameters:upstream-client-secret=s3cret");

        var parameter = Assert.Single(builder.Resources.OfType<ParameterResource>());
        Assert.Equal("upstream-client-secret", parameter.Name);
        Assert.True(parameter.Secret);
        Assert.Same(parameter, environment["Identity__Federation__ClientSecret"]);
    }

    [Fact]
    public async Task Scopes_claims_and_roles_are_passed_as_identity_federation_settings()
    {
        var options = Federated();
        options.UpstreamScopes = ["openid", "profile", "groups"];
        options.UpstreamRoleClaims = ["groups"];
        options.UpstreamRoleMap["mcp-admins"] = "admin";
        options.UpstreamDefaultRoles = ["reader"];
        options.UpstreamClaims["Subject"] = "oid";

        var (_, _, environment) = await AddAsync(HostingMode.Embedded, options);

        Assert.Equal("groups", environment["Identity__Federation__Scopes__2"]);
        Assert.Equal("groups", environment["Identity__Federation__Claims__Roles__0"]);
        Assert.Equal("admin", environment["Identity__Federation__RoleMap__mcp-admins"]);
        Assert.Equal("reader", environment["Identity__Federation__DefaultRoles__0"]);
        Assert.Equal("oid", environment["Identity__Federation__Claims__Subject"]);
    }

    [Fact]
    public void The_dashboard_says_federation_runs_and_shows_no_dev_accounts()
    {
        var builder = AppModel.CreateBuilder();
        var appInfo = builder.AddAppInfo(new HostingModeChoice(HostingMode.Embedded, "McpSecure:Mode is set to Embedded"), Federated(),
            Path.Combine(Path.GetTempPath(), "no-such-realm.json"));
        var snapshot = Assert.Single(appInfo.Resource.Annotations.OfType<ResourceSnapshotAnnotation>()).InitialSnapshot;
        var properties = snapshot.Properties.ToDictionary(p => p.Name, p => p.Value);

        Assert.Equal("Embedded mode, federation", snapshot.State?.Text);
        Assert.StartsWith("Federation: users sign in at https://login.example.com/realms/example (client mcpsecure-identity)",
            Assert.IsType<string>(properties[AppInfoResourceExtensions.SignInProperty]));
        Assert.Equal("McpSecure.Identity (federation with https://login.example.com/realms/example)", properties[AppInfoResourceExtensions.IdentityProviderProperty]);
        Assert.Equal("mcp-client", properties[AppInfoResourceExtensions.ClientIdProperty]);
        Assert.DoesNotContain(AppInfoResourceExtensions.DevAccountsProperty, properties.Keys);
    }

    [Theory]
    [InlineData("Embedded", "Development accounts (McpSecure.Identity, realm file)")]
    [InlineData("Containers", "Development accounts (Keycloak realm)")]
    public void Without_federation_the_sign_in_property_names_the_development_accounts(string modeName, string expected)
    {
        var mode = Enum.Parse<HostingMode>(modeName);
        Assert.Equal(expected, AppInfoResourceExtensions.SignIn(new AppHostOptions(), mode));
        Assert.StartsWith("External provider: the gateway trusts https://x.example/",
            AppInfoResourceExtensions.SignIn(new AppHostOptions { ExternalIssuer = "https://x.example/" }, mode));
    }

    private static IEnumerable<string> Failures(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        using var services = new ServiceCollection().AddAppHostOptions(configuration, Path.GetTempPath()).BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AppHostOptions>>().Value).Failures;
    }

    [Fact]
    public void Upstream_settings_are_validated_with_their_full_keys()
    {
        Assert.Contains(Failures(("McpSecure:UpstreamIssuer", "https://login.example.com")),
            failure => failure.StartsWith("McpSecure:UpstreamClientId is required with McpSecure:UpstreamIssuer", StringComparison.Ordinal));
        Assert.Contains(Failures(("McpSecure:UpstreamIssuer", "http://login.example.com"), ("McpSecure:UpstreamClientId", "c")),
            failure => failure.StartsWith("McpSecure:UpstreamIssuer must be the upstream provider's issuer", StringComparison.Ordinal));
        Assert.Contains(Failures(("McpSecure:UpstreamClientId", "c")),
            failure => failure.StartsWith("McpSecure:UpstreamClientId names a client of McpSecure:UpstreamIssuer, which is not set", StringComparison.Ordinal));
        Assert.Contains(Failures(("McpSecure:UpstreamIssuer", "https://a.example"), ("McpSecure:UpstreamClientId", "c"), ("McpSecure:ExternalIssuer", "https://b.example")),
            failure => failure.StartsWith("McpSecure:UpstreamIssuer and McpSecure:ExternalIssuer exclude each other", StringComparison.Ordinal));
        Assert.Contains(Failures(("McpSecure:UpstreamIssuer", "https://a.example"), ("McpSecure:UpstreamClientId", "c"), ("McpSecure:UpstreamClaims:Sub", "oid")),
            failure => failure.StartsWith("McpSecure:UpstreamClaims:Sub is not a claim purpose", StringComparison.Ordinal));
    }
}
