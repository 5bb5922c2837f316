using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.Hosting.Keycloak;
using McpSecure.AppHost.HostingModes;

namespace McpSecure.UnitTests.AppHost;

public sealed class IdentityProviderTests
{
    private static readonly AppHostOptions Options = new() { IdentityPort = 5401, DataPath = Path.GetTempPath() };

    private static (IDistributedApplicationBuilder Builder, IdentityProvider Identity) Add(HostingMode mode, AppHostOptions? options = null)
    {
        var builder = AppModel.CreateBuilder();
        var audience = ReferenceExpression.Create($"http://localhost:5400/mcp");
        return (builder, builder.AddIdentityProvider(mode, options ?? Options, audience));
    }

    [Fact]
    public async Task Containers_mode_runs_keycloak_on_the_fixed_port_importing_the_realm_with_the_gateway_as_audience()
    {
        var (builder, identity) = Add(HostingMode.Containers);

        var keycloak = Assert.IsType<KeycloakResource>(identity.Resource!.Resource);
        Assert.Equal("identity", keycloak.Name);
        Assert.Equal(5401, keycloak.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
        Assert.Equal(builder.RealmDirectory(), Assert.Single(keycloak.Annotations.OfType<ContainerMountAnnotation>()).Source);

        var environment = await AppModel.EnvironmentAsync(keycloak);
        // The issuer is the URL clients use, so Keycloak is told its own public endpoint.
        var hostname = Assert.IsType<EndpointReference>(environment["KC_HOSTNAME"]);
        Assert.Equal("http", hostname.EndpointName);
        Assert.Equal("http://localhost:5400/mcp", Assert.IsType<ReferenceExpression>(environment["MCPSECURE_RESOURCE"]).Format);
        Assert.Equal("true", environment["KC_METRICS_ENABLED"]);
        Assert.True(keycloak.AdminPasswordParameter.Secret);
        Assert.EndsWith("/realms/mcpsecure", identity.Issuer.Format);
    }

    [Fact]
    public async Task Embedded_mode_runs_the_identity_project_seeded_from_the_same_realm_file()
    {
        var (builder, identity) = Add(HostingMode.Embedded);

        var project = Assert.IsType<ProjectResource>(identity.Resource!.Resource);
        Assert.Empty(builder.Resources.OfType<ContainerResource>());
        var environment = await AppModel.EnvironmentAsync(project);
        Assert.Equal(builder.RealmFile(), environment["Identity__RealmFile"]);
        Assert.Equal(Path.Combine(Options.DataPath, "identity"), environment["Identity__DataPath"]);
        // OpenIddict's issuer ends with a slash, and the gateway compares issuers as they are.
        Assert.EndsWith("}/", identity.Issuer.Format);
    }

    [Fact]
    public void An_external_issuer_means_no_provider_resource()
    {
        var (builder, identity) = Add(HostingMode.Containers, new AppHostOptions { ExternalIssuer = "https://login.example/", DataPath = Path.GetTempPath() });

        Assert.Null(identity.Resource);
        Assert.Equal("https://login.example/", identity.Issuer.ValueExpression);
        Assert.Empty(builder.Resources);
    }
}
