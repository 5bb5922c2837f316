using McpSecure.UnitTests.AppHost;
using McpSecure.AppHost.HostingModes;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests;

/// <summary>
/// Containers mode cannot run here (no container engine), so its app model is checked as built:
/// images, tags, arguments, mounts, endpoints, health checks and environment of Keycloak and Prometheus.
/// </summary>
public sealed class ContainersModeModelTests
{
    private static async Task<IDistributedApplicationTestingBuilder> BuildModelAsync(string mode)
    {
        var dataPath = Directory.CreateTempSubdirectory("mcpsecure-model-").FullName;
        return await DistributedApplicationTestingBuilder.CreateAsync<Projects.McpSecure_AppHost>(
            [$"--McpSecure:Mode={mode}", $"--McpSecure:DataPath={dataPath}"]);
    }

    private static T Resource<T>(IDistributedApplicationTestingBuilder builder, string name) where T : IResource =>
        Assert.IsType<T>(Assert.Single(builder.Resources, r => r.Name == name), exactMatch: false);

    [Fact]
    public async Task Keycloak_runs_the_pinned_image_in_dev_mode_importing_the_repository_realm()
    {
        await using var builder = await BuildModelAsync("Containers");
        var keycloak = Resource<ContainerResource>(builder, "identity");

        var image = Assert.Single(keycloak.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal("quay.io/keycloak/keycloak", image.Image);
        Assert.Matches(@"^26\.\d+\.\d+$", image.Tag);

        Assert.Equal(["start-dev", "--import-realm"], (await AppModel.ArgumentsAsync(keycloak)).Cast<string>());

        var realmMount = Assert.Single(keycloak.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal("/opt/keycloak/data/import", realmMount.Target);
        Assert.True(realmMount.IsReadOnly);
        Assert.True(File.Exists(Path.Combine(realmMount.Source!, "mcpsecure-realm.json")), $"no realm file in {realmMount.Source}");

        var endpoints = keycloak.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        Assert.Equal(8080, endpoints["http"].TargetPort);
        Assert.Equal(5101, endpoints["http"].Port);
        Assert.Equal(9000, endpoints["management"].TargetPort);

        var health = Assert.Single(keycloak.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains("identity", health.Key);

        var environment = await AppModel.EnvironmentAsync(keycloak);
        Assert.Equal("true", environment["KC_HEALTH_ENABLED"]);
        Assert.IsType<ParameterResource>(environment["KC_BOOTSTRAP_ADMIN_USERNAME"]);
        var adminPassword = Assert.IsType<ParameterResource>(environment["KC_BOOTSTRAP_ADMIN_PASSWORD"]);
        Assert.True(adminPassword.Secret);
        Assert.IsType<EndpointReference>(environment["KC_HOSTNAME"]);
        var resource = Assert.IsType<ReferenceExpression>(environment["MCPSECURE_RESOURCE"]);
        Assert.EndsWith("/mcp", resource.Format);
    }

    [Fact]
    public async Task Prometheus_runs_the_pinned_image_with_the_generated_config()
    {
        await using var builder = await BuildModelAsync("Containers");
        var prometheus = Resource<ContainerResource>(builder, "prometheus");

        var image = Assert.Single(prometheus.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal("prom/prometheus", image.Image);
        Assert.Matches(@"^v3\.\d+\.\d+$", image.Tag);
        Assert.Contains("--config.file=/etc/prometheus/prometheus.yml", await AppModel.ArgumentsAsync(prometheus));
        Assert.Contains(prometheus.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/etc/prometheus" && m.IsReadOnly);
        Assert.Equal(9090, prometheus.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").TargetPort);
        Assert.Single(prometheus.Annotations.OfType<HealthCheckAnnotation>());
    }

    [Fact]
    public async Task Containers_mode_has_no_embedded_identity_project_and_embedded_mode_has_no_containers()
    {
        await using (var containers = await BuildModelAsync("Containers"))
        {
            Assert.DoesNotContain(containers.Resources, r => r is ProjectResource && r.Name == "identity");
            Assert.Equal(["gateway", "prometheus-mcp"], containers.Resources.OfType<ProjectResource>().Select(r => r.Name).Order());
        }
        await using var embedded = await BuildModelAsync("Embedded");
        Assert.Empty(embedded.Resources.OfType<ContainerResource>());
        Assert.IsType<ProjectResource>(Assert.Single(embedded.Resources, r => r.Name == "identity"));
        Assert.IsType<ExecutableResource>(Assert.Single(embedded.Resources, r => r.Name == "prometheus"));
    }

    [Fact]
    public void Auto_mode_chooses_embedded_when_no_container_engine_answers()
    {
        // A runtime name that cannot exist stands for "no engine": the real probe must report it, and Auto mode
        // must then choose Embedded and say why.
        var choice = HostingModeSelector.Choose(HostingMode.Auto, isPublishMode: false, new ContainerEngineProbe("mcpsecure-no-such-runtime"));
        Assert.Equal(HostingMode.Embedded, choice.Mode);
        Assert.Contains("mcpsecure-no-such-runtime: not installed", choice.Reason);
    }
}
