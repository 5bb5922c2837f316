using k8s.Models;
using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class DemoIdentityManifestsTests
{
    private static async Task<(ChartApplication App, IReadOnlyList<HelmManifest> Manifests)> TheAppAsync()
    {
        var app = await PublishedApps.TheAppAsync();
        return (app, HelmChartBuilder.Manifests(app));
    }

    private static V1Deployment Deployment(IReadOnlyList<HelmManifest> manifests, string name) =>
        (V1Deployment)manifests.Single(m => m.Path == $"templates/{name}/deployment.yaml").Resource;

    [Fact]
    public async Task Keycloak_and_mcpsecure_identity_are_offered_with_the_realm_the_app_model_imports()
    {
        var (app, _) = await TheAppAsync();

        Assert.Equal(["keycloak", "identity"], app.DemoProviders.Select(d => d.Name));
        var keycloak = app.DemoProviders[0];
        Assert.Equal(("quay.io/keycloak/keycloak", McpSecure.AppHost.Hosting.Keycloak.KeycloakContainerImageTags.Tag, 1000L),
            (keycloak.ImageRepository, keycloak.ImageTag, keycloak.Uid));
        Assert.Equal(("mcpsecure-identity", 1654L), (app.DemoProviders[1].ImageRepository, app.DemoProviders[1].Uid));
        var realm = await File.ReadAllTextAsync(RealmDevAccountsTests.RepositoryRealmFile);
        Assert.All(app.DemoProviders, d => Assert.Equal(realm, d.RealmJson));
    }

    [Fact]
    public async Task Every_object_of_a_demo_provider_exists_only_when_its_switch_is_on()
    {
        var (_, manifests) = await TheAppAsync();

        foreach (var name in new[] { "keycloak", "identity" })
        {
            var objects = manifests.Where(m => m.Path.StartsWith($"templates/{name}/", StringComparison.Ordinal)).ToList();
            Assert.Equal(8 - (name == "identity" ? 1 : 0), objects.Count);
            Assert.All(objects, m => Assert.Contains($".Values.{name}.enabled", m.Condition, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Keycloak_runs_the_production_start_hardened_with_writable_emptydirs_and_probes_on_its_health_endpoints()
    {
        var (_, manifests) = await TheAppAsync();
        var deployment = Deployment(manifests, "keycloak");
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(["start", "--import-realm"], container.Args);
        Assert.DoesNotContain("start-dev", container.Args);
        Assert.Equal((1, "Recreate"), (deployment.Spec.Replicas, deployment.Spec.Strategy.Type));
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        foreach (var c in pod.Containers.Concat(pod.InitContainers))
        {
            Assert.Equal((true, false, false, true), (c.SecurityContext.RunAsNonRoot!.Value, c.SecurityContext.AllowPrivilegeEscalation!.Value,
                c.SecurityContext.Privileged!.Value, c.SecurityContext.ReadOnlyRootFilesystem!.Value));
            Assert.Equal(["ALL"], c.SecurityContext.Capabilities.Drop);
            Assert.Equal("RuntimeDefault", c.SecurityContext.SeccompProfile.Type);
        }
        // Writable: only emptyDirs (the H2 file and the re-build output are demo state); the realm is read-only.
        var emptyDirs = pod.Volumes.Where(v => v.EmptyDir is not null).Select(v => v.Name).ToHashSet();
        var writable = container.VolumeMounts.Where(m => m.ReadOnlyProperty != true).ToList();
        Assert.Equal(["/tmp", "/opt/keycloak/data", "/opt/keycloak/lib/quarkus"], writable.Select(m => m.MountPath));
        Assert.All(writable, m => Assert.Contains(m.Name, emptyDirs));
        Assert.Equal("/opt/keycloak/data/import", Assert.Single(container.VolumeMounts, m => m.ReadOnlyProperty == true).MountPath);
        Assert.Equal("realm", pod.Volumes.Single(v => v.ConfigMap is not null).Name);
        Assert.Equal(("/health/started", "/health/live", "/health/ready"),
            (container.StartupProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Path));
        Assert.All(new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe }, p => Assert.Equal("management", p.HttpGet.Port.Value));
        Assert.Equal(9000, container.Ports.Single(p => p.Name == "management").ContainerPort);
        // The admin password from its Secret, never in the ConfigMap.
        Assert.Equal("KC_BOOTSTRAP_ADMIN_PASSWORD", Assert.Single(container.Env).Name);
        Assert.NotNull(container.Env[0].ValueFrom.SecretKeyRef);
        var settings = (V1ConfigMap)manifests.Single(m => m.Path == "templates/keycloak/config.yaml").Resource;
        Assert.DoesNotContain(settings.Data.Keys, k => k.Contains("PASSWORD", StringComparison.Ordinal));
        Assert.Equal("dev-file", settings.Data["KC_DB"]);
    }

    [Fact]
    public async Task The_identity_provider_keeps_its_database_and_keys_in_an_emptydir_and_is_probed_like_our_services()
    {
        var (_, manifests) = await TheAppAsync();
        var pod = Deployment(manifests, "identity").Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Null(pod.InitContainers);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        var data = Assert.Single(container.VolumeMounts, m => m.MountPath == "/data");
        Assert.NotNull(pod.Volumes.Single(v => v.Name == data.Name).EmptyDir);
        Assert.Equal(("/alive", "/health"), (container.LivenessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Path));
        var settings = (V1ConfigMap)manifests.Single(m => m.Path == "templates/identity/config.yaml").Resource;
        Assert.Equal(("/data", "/realm/mcpsecure-realm.json"), (settings.Data["Identity__DataPath"], settings.Data["Identity__RealmFile"]));
    }

    [Fact]
    public async Task The_gateway_trusts_the_given_issuer_else_the_demo_provider_switched_on_else_helm_stops()
    {
        var app = await PublishedApps.TheAppAsync();
        var helpers = HelmChartFiles.IssuerHelpers(app);

        var issuer = helpers[helpers.IndexOf("define \"mcpsecure.issuer\"", StringComparison.Ordinal)..];
        var given = issuer.IndexOf(".Values.authorizationServer.issuer -}}", StringComparison.Ordinal);
        var keycloak = issuer.IndexOf("/realms/mcpsecure", StringComparison.Ordinal);
        var identity = issuer.IndexOf("printf \"%s/\" (include \"mcpsecure.demoUrl\" (dict \"root\" . \"name\" \"identity\"))", StringComparison.Ordinal);
        var required = issuer.IndexOf("required \"authorizationServer.issuer is required", StringComparison.Ordinal);
        Assert.True(0 < given && given < keycloak && keycloak < identity && identity < required, issuer);
        Assert.Contains("switch on at most one demo identity provider", issuer, StringComparison.Ordinal);
        var gatewayIssuer = HelmChartBuilder.Manifests(app).Single(m => m.Path == "templates/gateway/config.yaml")
            .Patches.Single(p => p.Path == "data.Gateway__AuthorizationServer__Issuer").Expression;
        Assert.Equal("{{ include \"mcpsecure.issuer\" $ | quote }}", gatewayIssuer);
    }
}
