using k8s.Models;
using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class WorkloadManifestsTests
{
    private static async Task<(ChartApplication App, IReadOnlyList<HelmManifest> Manifests)> TheAppAsync()
    {
        var app = await PublishedApps.TheAppAsync();
        return (app, HelmChartBuilder.Manifests(app));
    }

    private static T Single<T>(IReadOnlyList<HelmManifest> manifests, string workload) =>
        manifests.Where(m => m.Path.StartsWith($"templates/{workload}/", StringComparison.Ordinal) && !m.Path.EndsWith("-sidecar.yaml", StringComparison.Ordinal))
            .Select(m => m.Resource).OfType<T>().Single();

    [Theory]
    [InlineData("gateway")]
    [InlineData(PublishedApps.McpServer)]
    public async Task Every_pod_is_hardened(string workload)
    {
        var (_, manifests) = await TheAppAsync();
        var pod = Single<V1Deployment>(manifests, workload).Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var security = container.SecurityContext;
        Assert.Equal((true, false, false, true), (security.RunAsNonRoot!.Value, security.AllowPrivilegeEscalation!.Value, security.Privileged!.Value, security.ReadOnlyRootFilesystem!.Value));
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
        // A read-only root file system, and an emptyDir for what .NET writes to /tmp.
        Assert.Equal("/tmp", Assert.Single(container.VolumeMounts).MountPath);
        Assert.NotNull(Assert.Single(pod.Volumes).EmptyDir);
        Assert.Equal(["kubernetes.io/hostname", "topology.kubernetes.io/zone"], pod.TopologySpreadConstraints.Select(t => t.TopologyKey));
    }

    [Fact]
    public async Task The_uid_image_and_resources_come_from_values_unquoted()
    {
        var (_, manifests) = await TheAppAsync();
        var deployment = manifests.Single(m => m.Path == "templates/gateway/deployment.yaml");
        var patches = deployment.Patches.ToDictionary(p => p.Path, p => p.Expression);

        Assert.Equal("{{ (index .Values.parameters \"gateway\").runAsUser | int64 }}", patches["spec.template.spec.containers[0].securityContext.runAsUser"]);
        Assert.Equal("{{ toJson (index .Values.parameters \"gateway\").resources }}", patches["spec.template.spec.containers[0].resources"]);
        Assert.Contains(".image.repository", patches["spec.template.spec.containers[0].image"], StringComparison.Ordinal);
        // Replicas only when no autoscaler manages them.
        Assert.Equal("not (index .Values.parameters \"gateway\").autoscaling.enabled", deployment.Patches.Single(p => p.Path == "spec.replicas").Condition);
    }

    [Fact]
    public async Task Dotnet_workloads_are_probed_on_alive_and_health()
    {
        var (_, manifests) = await TheAppAsync();
        var container = Single<V1Deployment>(manifests, "gateway").Spec.Template.Spec.Containers[0];

        Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
        Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("http", container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(8080, Assert.Single(container.Ports).ContainerPort);
    }

#if (!ExcludeExternalServer)
    [Fact]
    public async Task Another_image_is_probed_on_its_port()
    {
        var app = await PublishedApps.ExternalAsync(new() { Image = "docker.io/mcp/everything", ContainerPort = 3001 });
        var container = Single<V1Deployment>(HelmChartBuilder.Manifests(app), "mcp-server").Spec.Template.Spec.Containers[0];

        Assert.Null(container.ReadinessProbe.HttpGet);
        Assert.Equal("http", container.ReadinessProbe.TcpSocket.Port.Value);
        Assert.Equal(3001, Assert.Single(container.Ports).ContainerPort);
    }
#endif

    [Theory]
    [InlineData("gateway")]
    [InlineData(PublishedApps.McpServer)]
    public async Task Services_are_cluster_internal(string workload)
    {
        var (_, manifests) = await TheAppAsync();

        Assert.Equal("ClusterIP", Single<V1Service>(manifests, workload).Spec.Type);
    }

    [Fact]
    public async Task Only_the_gateways_pods_reach_the_mcp_server_and_the_gateway_takes_traffic_on_its_port_only()
    {
        var (_, manifests) = await TheAppAsync();

        var server = Single<V1NetworkPolicy>(manifests, PublishedApps.McpServer).Spec;
        Assert.Equal(PublishedApps.McpServer, server.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(["Ingress", "Egress"], server.PolicyTypes);
        var from = Assert.Single(Assert.Single(server.Ingress).FromProperty);
        Assert.Equal("gateway", from.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Null(from.NamespaceSelector);

        var gateway = Assert.Single(Single<V1NetworkPolicy>(manifests, "gateway").Spec.Ingress);
        Assert.Null(gateway.FromProperty);
        Assert.Equal("8080", Assert.Single(gateway.Ports).Port.Value);
    }

    [Fact]
    public async Task The_identity_key_is_referenced_from_its_secret_and_never_in_a_config_map()
    {
        var (_, manifests) = await TheAppAsync();

#if (ExcludeBlankServer && ExcludePrometheusServer)
        // Someone else's image is not given the key (it would not read it).
        var holders = new[] { "gateway" };
#else
        var holders = new[] { "gateway", PublishedApps.McpServer };
#endif
        Assert.All(new[] { "gateway", PublishedApps.McpServer }, workload =>
            Assert.DoesNotContain(Single<V1ConfigMap>(manifests, workload).Data.Keys, k => k.Contains("SigningKey", StringComparison.Ordinal)));
        foreach (var workload in holders)
        {
            var env = Assert.Single(Single<V1Deployment>(manifests, workload).Spec.Template.Spec.Containers[0].Env);
            Assert.Equal("value", env.ValueFrom.SecretKeyRef.Key);
            Assert.Contains("-gateway-identity-key", env.ValueFrom.SecretKeyRef.Name, StringComparison.Ordinal);
        }
        var secret = manifests.Single(m => m.Resource is V1Secret && m.Path.StartsWith("templates/secrets/", StringComparison.Ordinal));
        Assert.Equal("not (index .Values.secrets \"gateway_identity_key\").existingSecret", secret.Condition);
        Assert.Contains("\"length\" 48", Assert.Single(secret.Patches).Expression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_is_exposed_by_an_ingress_or_an_http_route_as_values_choose_and_nothing_else_is()
    {
        var (_, manifests) = await TheAppAsync();

        var all = manifests.Where(m => m.Resource is V1Ingress or McpSecure.AppHost.Publishing.GatewayApi.HttpRoute).ToList();
        var exposure = all.Where(m => m.Path.StartsWith("templates/gateway/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["eq .Values.exposure.type \"ingress\"", "eq .Values.exposure.type \"httpRoute\""], exposure.Select(m => m.Condition));
        // A demo identity provider (browsers log in there) only when its switch is on.
        Assert.All(all.Except(exposure), m => Assert.Matches(@"^and \(\.Values\.(keycloak|identity)\.enabled\) ", m.Condition));
        Assert.Equal("{{ .Release.Name }}-gateway", ((V1Ingress)exposure[0].Resource).Spec.Rules[0].Http.Paths[0].Backend.Service.Name);
    }

    [Fact]
    public async Task Autoscaler_and_disruption_budget_per_workload_switch_with_values()
    {
        var (_, manifests) = await TheAppAsync();

        Assert.Contains($"(index .Values.parameters \"{PublishedApps.McpServerValuesKey}\").autoscaling.enabled",
            manifests.Single(m => m.Path == $"templates/{PublishedApps.McpServer}/hpa.yaml").Condition, StringComparison.Ordinal);
        Assert.Equal($"{{{{ .Release.Name }}}}-{PublishedApps.McpServer}", Single<V2HorizontalPodAutoscaler>(manifests, PublishedApps.McpServer).Spec.ScaleTargetRef.Name);
        Assert.Equal("(index .Values.parameters \"gateway\").podDisruptionBudget.enabled",
            manifests.Single(m => m.Path == "templates/gateway/pdb.yaml").Condition);
    }

    [Fact]
    public async Task The_sidecar_layout_puts_the_mcp_server_in_the_gateways_pod_on_a_port_of_its_own()
    {
        var (_, manifests) = await TheAppAsync();

        var sidecar = manifests.Single(m => m.Path == "templates/gateway/deployment-sidecar.yaml");
        Assert.Equal("eq .Values.layout \"sidecar\"", sidecar.Condition);
        var containers = ((V1Deployment)sidecar.Resource).Spec.Template.Spec.Containers;
        Assert.Equal(["gateway", PublishedApps.McpServer], containers.Select(c => c.Name));
        Assert.NotEqual(containers[0].Ports[0].ContainerPort, containers[1].Ports[0].ContainerPort);
        Assert.All(containers, c => Assert.True(c.SecurityContext.ReadOnlyRootFilesystem));
        // The MCP server's own objects, and the gateway's separate Deployment, exist only in the separate layout.
        foreach (var path in new[] { $"templates/{PublishedApps.McpServer}/deployment.yaml", $"templates/{PublishedApps.McpServer}/service.yaml",
                     $"templates/{PublishedApps.McpServer}/networkpolicy.yaml", "templates/gateway/deployment.yaml" })
        {
            Assert.Contains("ne .Values.layout \"sidecar\"", manifests.Single(m => m.Path == path).Condition, StringComparison.Ordinal);
        }
        var upstream = manifests.Single(m => m.Path == "templates/gateway/config.yaml").Patches.Single(p => p.Path == "data.Gateway__UpstreamUrl");
        Assert.Contains($"http://localhost:{containers[1].Ports[0].ContainerPort}", upstream.Expression, StringComparison.Ordinal);
    }
#if (!ExcludeExternalServer)

    [Fact]
    public async Task Without_an_mcp_server_in_the_chart_there_is_no_layout_to_choose()
    {
        var app = await PublishedApps.ExternalAsync(new() { Url = "https://mcp.internal.example/mcp" });

        Assert.DoesNotContain(HelmChartBuilder.Manifests(app), m => m.Path.Contains("sidecar", StringComparison.Ordinal) || (m.Condition ?? "").Contains(".Values.layout", StringComparison.Ordinal));
    }
#endif
}
