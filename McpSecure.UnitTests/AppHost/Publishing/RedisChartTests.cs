#if (!ExcludeBlankServer)
using k8s.Models;
using McpSecure.AppHost.Publishing;
using McpSecure.AppHost.Publishing.Redis;

namespace McpSecure.UnitTests.AppHost.Publishing;

/// <summary>McpSecure:Redis in a publish: the chart runs a hardened Redis only the gateway reaches, its password in a Secret.</summary>
public sealed class RedisChartTests
{
    private static async Task<(ChartApplication App, IReadOnlyList<HelmManifest> Manifests)> ChartAsync()
    {
        var app = await PublishedApps.BlankWithRedisAsync();
        return (app, HelmChartBuilder.Manifests(app));
    }

    private static HelmManifest At(IReadOnlyList<HelmManifest> manifests, string path) => Assert.Single(manifests, m => m.Path == path);

    [Fact]
    public async Task With_redis_the_chart_runs_aspires_redis_image_and_the_gateway_config_map_has_no_connection_string()
    {
        var (app, manifests) = await ChartAsync();

        var redis = Assert.IsType<ChartRedis>(app.Redis);
        Assert.Equal("ConnectionStrings__redis", redis.ConnectionStringKey);
        // The image Aspire.Hosting.Redis runs in Containers mode (its RedisContainerImageTags), read from the app model.
        Assert.Equal("docker.io/library/redis", redis.ImageRepository);
        Assert.Matches(@"^\d+\.\d+", redis.ImageTag);
        Assert.DoesNotContain(app.Workloads, w => w.Name == "redis");
        Assert.DoesNotContain(app.Gateway.Settings, s => s.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Notes, n => n.Contains("Redis", StringComparison.OrdinalIgnoreCase));
        var config = (V1ConfigMap)At(manifests, "templates/gateway/config.yaml").Resource;
        Assert.DoesNotContain(config.Data.Keys, k => k.Contains("redis", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings", StringComparison.Ordinal));
        Assert.Equal(["templates/redis/deployment.yaml", "templates/redis/networkpolicy.yaml", "templates/redis/secret.yaml", "templates/redis/service.yaml"],
            manifests.Select(m => m.Path).Where(p => p.StartsWith("templates/redis/", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Without_redis_the_chart_has_no_redis_objects_values_or_gateway_variables()
    {
        var app = await PublishedApps.BlankAsync();
        var files = HelmChartBuilder.Build(app, "1.0.0");

        Assert.Null(app.Redis);
        Assert.DoesNotContain(files, f => f.Path.StartsWith("templates/redis/", StringComparison.Ordinal));
        Assert.DoesNotContain("\nredis:", files.Single(f => f.Path == "values.yaml").Content, StringComparison.Ordinal);
        Assert.DoesNotContain(files, f => f.Content.Contains("REDIS_PASSWORD", StringComparison.Ordinal) || f.Content.Contains(".Values.redis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_runs_hardened_without_persistence_its_password_from_the_secret_probed_on_its_port()
    {
        var (_, manifests) = await ChartAsync();
        var manifest = At(manifests, "templates/redis/deployment.yaml");
        var deployment = (V1Deployment)manifest.Resource;
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(ChartRedis.Enabled, manifest.Condition);
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var security = container.SecurityContext;
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
        foreach (var uid in new[] { "spec.template.spec.securityContext.runAsUser", "spec.template.spec.containers[0].securityContext.runAsUser" })
        {
            Assert.Equal("{{ .Values.redis.runAsUser | int64 }}", Assert.Single(manifest.Patches, p => p.Path == uid).Expression);
        }
        Assert.Equal("{{ toJson .Values.redis.resources }}", Assert.Single(manifest.Patches, p => p.Path == "spec.template.spec.containers[0].resources").Expression);

        // The only writable place is /data, an emptyDir; nothing is saved there.
        var mount = Assert.Single(container.VolumeMounts);
        Assert.Equal("/data", mount.MountPath);
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == mount.Name).EmptyDir);
        var args = string.Join(' ', container.Args.Select(a => a.Length == 0 ? "\"\"" : a));
        Assert.Contains("--requirepass $(REDIS_PASSWORD)", args, StringComparison.Ordinal);
        Assert.Contains("--save \"\" --appendonly no --dir /data", args, StringComparison.Ordinal);
        Assert.Contains("\n        - --appendonly\n        - \"no\"\n", HelmManifestWriter.Write(manifest), StringComparison.Ordinal);
        var password = Assert.Single(container.Env);
        Assert.Equal(("REDIS_PASSWORD", ChartRedis.SecretName, "value"), (password.Name, password.ValueFrom.SecretKeyRef.Name, password.ValueFrom.SecretKeyRef.Key));
        Assert.Null(password.Value);

        foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
        {
            Assert.Equal("redis", probe.TcpSocket.Port.Value);
        }
        Assert.Equal(("redis", 6379), (container.Ports.Single().Name, container.Ports.Single().ContainerPort));
        var service = (V1Service)At(manifests, "templates/redis/service.yaml").Resource;
        Assert.Equal(("ClusterIP", 6379, "redis"), (service.Spec.Type, service.Spec.Ports.Single().Port, service.Spec.Ports.Single().TargetPort.Value));
    }

    [Fact]
    public async Task The_password_secret_is_generated_once_and_kept_or_replaced_by_an_existing_secret()
    {
        var (_, manifests) = await ChartAsync();
        var secret = At(manifests, "templates/redis/secret.yaml");

        Assert.Equal("and .Values.redis.enabled (not .Values.redis.existingSecret)", secret.Condition);
        var value = Assert.Single(secret.Patches).Expression;
        Assert.Contains("include \"mcpsecure.secretValue\"", value, StringComparison.Ordinal);
        Assert.Contains("(printf \"%s-redis-password\" .Release.Name)", value, StringComparison.Ordinal);
        Assert.Contains("\"length\" 32", value, StringComparison.Ordinal);
        // The helper keeps what the release's Secret holds (lookup), else generates (randAlphaNum).
        Assert.Contains("lookup \"v1\" \"Secret\"", HelmChartFiles.Helpers, StringComparison.Ordinal);
        Assert.Contains("randAlphaNum", HelmChartFiles.Helpers, StringComparison.Ordinal);
        Assert.Equal("{{ .Values.redis.existingSecret | default (printf \"%s-redis-password\" .Release.Name) }}", ChartRedis.SecretName);
    }

    [Fact]
    public async Task The_gateway_builds_its_connection_string_from_the_secret_in_both_layouts_or_reads_an_external_one()
    {
        var (_, manifests) = await ChartAsync();

        foreach (var path in new[] { "templates/gateway/deployment.yaml", "templates/gateway/deployment-sidecar.yaml" })
        {
            var manifest = At(manifests, path);
            var yaml = HelmManifestWriter.Write(manifest);

            Assert.Contains("""
                        {{- if .Values.redis.enabled }}
                        - {"name":"REDIS_PASSWORD","valueFrom":{"secretKeyRef":{"name":{{ .Values.redis.existingSecret | default (printf "%s-redis-password" .Release.Name) | quote }},"key":"value"}}}
                        {{- end }}
                        {{- if .Values.redis.enabled }}
                        - {"name":"ConnectionStrings__redis","value":"{{ .Release.Name }}-redis:6379,password=$(REDIS_PASSWORD)"}
                        {{- end }}
                        {{- if and (not .Values.redis.enabled) .Values.redis.externalConnectionSecret }}
                        - {"name":"ConnectionStrings__redis","valueFrom":{"secretKeyRef":{"key":"value","name":"{{ .Values.redis.externalConnectionSecret }}"}}}
                        {{- end }}
                """.Replace("\r", "", StringComparison.Ordinal), yaml, StringComparison.Ordinal);
            // The password variable comes before the connection string that refers to it (Kubernetes expands only earlier ones).
            var env = ((V1Deployment)manifest.Resource).Spec.Template.Spec.Containers[0].Env;
            var indices = manifest.Patches.Where(p => p.Expression.Contains("redis", StringComparison.OrdinalIgnoreCase) && p.Path.Contains(".env[", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, indices.Count);
            Assert.Equal(env.Count - 3, int.Parse(indices[0].Path.Split('[', ']')[^2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Only_the_gateway_reaches_redis_on_6379_and_redis_reaches_nothing()
    {
        var (_, manifests) = await ChartAsync();
        var policy = At(manifests, "templates/redis/networkpolicy.yaml");
        var spec = ((V1NetworkPolicy)policy.Resource).Spec;

        Assert.Equal("and (.Values.redis.enabled) (.Values.networkPolicy.enabled)", policy.Condition);
        Assert.Equal("redis", spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(["Ingress", "Egress"], spec.PolicyTypes);
        var rule = Assert.Single(spec.Ingress);
        Assert.Equal("gateway", Assert.Single(rule.FromProperty).PodSelector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(("6379", "TCP"), (rule.Ports.Single().Port.Value, rule.Ports.Single().Protocol));
        Assert.Empty(spec.Egress);
        Assert.Empty(policy.Patches);

        var gateway = At(manifests, "templates/gateway/networkpolicy.yaml").Patches;
        var toRedis = Assert.Single(gateway, p => p.Expression.Contains("\"app.kubernetes.io/name\":\"redis\"", StringComparison.Ordinal));
        Assert.Equal(ChartRedis.Enabled, toRedis.Condition);
        Assert.Contains("\"port\":6379", toRedis.Expression, StringComparison.Ordinal);
        var external = Assert.Single(gateway, p => p.Condition == ChartRedis.External);
        Assert.Contains(".Values.networkPolicy.egress.redis", external.Expression, StringComparison.Ordinal);
        Assert.Contains("\"port\" 6379", external.Expression, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_offer_redis_on_by_default_with_its_image_resources_and_secrets()
    {
        var app = await PublishedApps.BlankWithRedisAsync();
        var values = HelmValuesWriter.Write(app);

        Assert.Contains($"""
            redis:
              enabled: true
              image:
                repository: docker.io/library/redis
                tag: "{app.Redis!.ImageTag}"
                pullPolicy: IfNotPresent
              runAsUser: 999
            """.Replace("\r", "", StringComparison.Ordinal), values, StringComparison.Ordinal);
        Assert.Contains("  existingSecret: \"\"\n  externalConnectionSecret: \"\"\n", values, StringComparison.Ordinal);
        Assert.Contains("    redis:\n      to: []\n      ports: []\n", values, StringComparison.Ordinal);
        Assert.Contains("falls back to that per-replica limit", values, StringComparison.Ordinal);
    }
}
#endif
