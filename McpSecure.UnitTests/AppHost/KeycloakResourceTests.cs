using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using McpSecure.AppHost.Hosting.Keycloak;

namespace McpSecure.UnitTests.AppHost;

public sealed class KeycloakResourceTests
{
    private static (IDistributedApplicationBuilder Builder, IResourceBuilder<KeycloakResource> Keycloak) AddKeycloak(params string[] args)
    {
        var builder = AppModel.CreateBuilder(args);
        var admin = builder.AddParameter("kc-admin", "root");
        var password = builder.AddParameter("kc-password", "dev-secret", secret: true);
        return (builder, builder.AddKeycloak("kc", port: 5301, admin, password));
    }

    [Fact]
    public void Runs_the_pinned_keycloak_image_with_http_and_management_endpoints()
    {
        var (_, keycloak) = AddKeycloak();

        var image = Assert.Single(keycloak.Resource.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal("quay.io/keycloak/keycloak", image.Image);
        Assert.Equal(KeycloakContainerImageTags.Tag, image.Tag);

        var endpoints = keycloak.Resource.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        Assert.Equal(5301, endpoints["http"].Port);
        Assert.Equal(8080, endpoints["http"].TargetPort);
        Assert.Equal(9000, endpoints["management"].TargetPort);
        Assert.Null(endpoints["management"].Port);
        Assert.Equal("management", keycloak.Resource.ManagementEndpoint.EndpointName);
        Assert.Equal("http", keycloak.Resource.PrimaryEndpoint.EndpointName);
    }

    [Fact]
    public void Is_ready_when_its_management_interface_says_so()
    {
        var (_, keycloak) = AddKeycloak();

        // Aspire names an HTTP health check after the resource, the endpoint and the path it polls.
        var health = Assert.Single(keycloak.Resource.Annotations.OfType<HealthCheckAnnotation>());
        Assert.StartsWith("kc_management_/health/ready_", health.Key);
    }

    [Fact]
    public async Task Runs_start_dev_locally_and_start_when_published_importing_realms_in_both()
    {
        var (_, run) = AddKeycloak();
        var (_, publish) = AddKeycloak("--operation", "publish");

        Assert.Equal(["start-dev", "--import-realm"], (await AppModel.ArgumentsAsync(run.Resource)).Cast<string>());
        Assert.Equal(["start", "--import-realm"], (await AppModel.ArgumentsAsync(publish.Resource)).Cast<string>());
    }

    [Fact]
    public async Task Bootstraps_the_admin_from_its_parameters_and_enables_health()
    {
        var (_, keycloak) = AddKeycloak();

        var environment = await AppModel.EnvironmentAsync(keycloak.Resource);

        Assert.Same(keycloak.Resource.AdminUserNameParameter, environment["KC_BOOTSTRAP_ADMIN_USERNAME"]);
        Assert.Same(keycloak.Resource.AdminPasswordParameter, environment["KC_BOOTSTRAP_ADMIN_PASSWORD"]);
        Assert.True(keycloak.Resource.AdminPasswordParameter.Secret);
        Assert.Equal("true", environment["KC_HEALTH_ENABLED"]);
    }

    [Fact]
    public async Task Without_admin_parameters_the_user_is_admin_and_the_password_a_generated_secret()
    {
        var builder = AppModel.CreateBuilder();
        var keycloak = builder.AddKeycloak("kc");

        var environment = await AppModel.EnvironmentAsync(keycloak.Resource);

        Assert.Null(keycloak.Resource.AdminUserNameParameter);
        Assert.Equal("admin", environment["KC_BOOTSTRAP_ADMIN_USERNAME"]);
        Assert.True(keycloak.Resource.AdminPasswordParameter.Secret);
        Assert.Equal("kc-password", keycloak.Resource.AdminPasswordParameter.Name);
        Assert.Null(keycloak.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port);
    }

    [Fact]
    public void Imports_realms_from_a_read_only_bind_mount_resolved_against_the_apphost_directory()
    {
        var (builder, keycloak) = AddKeycloak();

        keycloak.WithRealmImport("Realm");

        var mount = Assert.Single(keycloak.Resource.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.BindMount, mount.Type);
        Assert.Equal(Path.Combine(builder.AppHostDirectory, "Realm"), mount.Source);
        Assert.Equal("/opt/keycloak/data/import", mount.Target);
        Assert.True(mount.IsReadOnly);
    }

    [Fact]
    public void A_single_realm_file_is_mounted_into_the_import_folder_under_its_own_name()
    {
        var (_, keycloak) = AddKeycloak();
        var realmFile = Path.GetTempFileName();
        try
        {
            keycloak.WithRealmImport(realmFile);

            var mount = Assert.Single(keycloak.Resource.Annotations.OfType<ContainerMountAnnotation>());
            Assert.Equal($"/opt/keycloak/data/import/{Path.GetFileName(realmFile)}", mount.Target);
        }
        finally
        {
            File.Delete(realmFile);
        }
    }

    [Fact]
    public void Keeps_its_data_folder_in_a_named_volume()
    {
        var (_, generated) = AddKeycloak();
        var (_, named) = AddKeycloak();

        generated.WithDataVolume();
        named.WithDataVolume("kc-data");

        var volume = Assert.Single(generated.Resource.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal(ContainerMountType.Volume, volume.Type);
        Assert.Equal("/opt/keycloak/data", volume.Target);
        Assert.False(volume.IsReadOnly);
        Assert.EndsWith("kc-data", volume.Source);
        Assert.Equal("kc-data", Assert.Single(named.Resource.Annotations.OfType<ContainerMountAnnotation>()).Source);
    }

    [Fact]
    public void Checks_its_arguments()
    {
        var builder = AppModel.CreateBuilder();

        Assert.Throws<ArgumentException>(() => builder.AddKeycloak(""));
        Assert.Throws<ArgumentNullException>(() => ((IDistributedApplicationBuilder)null!).AddKeycloak("kc"));
        Assert.Throws<ArgumentException>(() => builder.AddKeycloak("kc").WithRealmImport(""));
    }
}
