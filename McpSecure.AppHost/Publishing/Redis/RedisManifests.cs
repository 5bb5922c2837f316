using k8s;
using k8s.Models;

namespace McpSecure.AppHost.Publishing.Redis;

/// <summary>
/// Redis for the gateway's shared per-user limit, when the app model has it (<c>McpSecure:Redis</c>) and
/// <c>redis.enabled</c>: one hardened pod (uid 999, read-only root file system, /data an emptyDir: the counts need no
/// persistence, <c>--save ""</c> <c>--appendonly no</c>), a ClusterIP Service, a NetworkPolicy that lets in only the
/// gateway's pods on 6379 and lets nothing out, and the password in a Secret (generated at install, kept on upgrade,
/// or <c>redis.existingSecret</c>). The gateway's connection string is built in its pod from that Secret
/// (<c>$(REDIS_PASSWORD)</c>), never written into a ConfigMap. With <c>redis.enabled=false</c>, an external Redis's
/// connection string from <c>redis.externalConnectionSecret</c>.
/// </summary>
internal static class RedisManifests
{
    private const string PortName = "redis";
    private const string DataVolume = "data";
    private const string DataDirectory = "/data";

    public static IEnumerable<HelmManifest> Build(ChartApplication app)
    {
        if (app.Redis is not { } redis)
        {
            yield break;
        }
        const string folder = "templates/redis";
        yield return Deployment(redis, folder);
        yield return Service(folder);
        yield return PasswordSecret(folder);
        yield return NetworkPolicy(app, folder);
    }

    /// <summary>The NOTES.txt lines: where the gateway counts, and what that means.</summary>
    public static string Notes(ChartApplication app) => app.Redis is null ? "" : $$$"""
        {{- if {{{ChartRedis.Enabled}}} }}
        The gateway's replicas count each user's requests together in Redis ({{ .Release.Name }}-redis, no persistence).
        {{- else if {{{ChartRedis.Values}}}.externalConnectionSecret }}
        The gateway's replicas count each user's requests together in your Redis (Secret {{ {{{ChartRedis.Values}}}.externalConnectionSecret }}).
        {{- else }}
        redis.enabled=false and no redis.externalConnectionSecret: each gateway replica limits each user on its own.
        {{- end }}

        """;

    /// <summary>
    /// The gateway container's variables for Redis, appended to <paramref name="manifest"/> (the gateway's Deployment,
    /// either layout): the password from the Secret, then the connection string that refers to it; or an external
    /// Redis's connection string from its Secret. Each a conditional list item.
    /// </summary>
    public static HelmManifest WithGatewayConnection(HelmManifest manifest, ChartApplication app)
    {
        if (app.Redis is not { } redis || manifest.Resource is not V1Deployment deployment)
        {
            return manifest;
        }
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.Env ??= [];
        var patches = new List<HelmPatch>(manifest.Patches);
        void Add(string expression, string condition)
        {
            patches.Add(new HelmPatch($"spec.template.spec.containers[0].env[{container.Env.Count}]", expression, condition));
            container.Env.Add(new V1EnvVar { Name = "placeholder" });
        }

        // Written by hand: the Secret's name is a Helm expression with quotes, which JSON would escape.
        var secretName = ChartRedis.SecretName.Replace(" }}", " | quote }}", StringComparison.Ordinal);
        Add($"{{\"name\":\"{ChartRedis.PasswordVariable}\",\"valueFrom\":{{\"secretKeyRef\":{{\"name\":{secretName},\"key\":\"{ChartRedis.SecretKey}\"}}}}}}",
            ChartRedis.Enabled);
        // Kubernetes expands $(REDIS_PASSWORD) from the variable above: the password is in no object but the Secret.
        Add(Json(new V1EnvVar
        {
            Name = redis.ConnectionStringKey,
            Value = $"{HelmNames.Object(ChartRedis.Name)}:{ChartRedis.Port},password=$({ChartRedis.PasswordVariable})",
        }), ChartRedis.Enabled);
        Add(Json(new V1EnvVar
        {
            Name = redis.ConnectionStringKey,
            ValueFrom = new V1EnvVarSource
            {
                SecretKeyRef = new V1SecretKeySelector { Name = "{{ " + ChartRedis.Values + ".externalConnectionSecret }}", Key = ChartRedis.SecretKey },
            },
        }), ChartRedis.External);
        return manifest with { Patches = patches };
    }

    /// <summary>The gateway's egress rules for Redis: to the chart's Redis pods, or to the external Redis's peers from values.</summary>
    public static IEnumerable<(string Expression, string Condition)> GatewayEgress(ChartApplication app)
    {
        if (app.Redis is null)
        {
            yield break;
        }
        yield return (Json(new V1NetworkPolicyEgressRule
        {
            To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(ChartRedis.Name) } }],
            Ports = [new V1NetworkPolicyPort { Port = ChartRedis.Port, Protocol = "TCP" }],
        }), ChartRedis.Enabled);
        // An external Redis: networkPolicy.egress.redis.to (any destination when empty), on its ports (6379 when empty).
        const string given = "(.Values.networkPolicy.egress.redis | default dict)";
        yield return ($"{{{{ toJson (dict \"to\" ({given}.to | default list) \"ports\" ({given}.ports | default (list (dict \"port\" {ChartRedis.Port} \"protocol\" \"TCP\")))) }}}}",
            ChartRedis.External);
    }

    private static HelmManifest Deployment(ChartRedis redis, string folder)
    {
        var v = ChartRedis.Values;
        var selector = HelmNames.Selector(ChartRedis.Name);
        var probe = (int period, int failures) => new V1Probe
        {
            TcpSocket = new V1TCPSocketAction { Port = PortName },
            PeriodSeconds = period,
            FailureThreshold = failures,
            TimeoutSeconds = 3,
        };
        var container = new V1Container
        {
            Name = ChartRedis.Name,
            ImagePullPolicy = "IfNotPresent",
            // redis-server itself (not the image's entrypoint, which only matters when started as root).
            Command = ["redis-server"],
            Args =
            [
                "--port", $"{ChartRedis.Port}",
                "--requirepass", $"$({ChartRedis.PasswordVariable})",
                "--save", "",
                "--appendonly", "no",
                "--dir", DataDirectory,
                "--maxmemory", "",
                "--maxmemory-policy", "volatile-ttl",
            ],
            Ports = [new V1ContainerPort { Name = PortName, ContainerPort = ChartRedis.Port, Protocol = "TCP" }],
            Env =
            [
                new V1EnvVar
                {
                    Name = ChartRedis.PasswordVariable,
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = ChartRedis.SecretName, Key = ChartRedis.SecretKey } },
                },
            ],
            SecurityContext = PodHardening.Container(),
            VolumeMounts = [new V1VolumeMount { Name = DataVolume, MountPath = DataDirectory }],
            StartupProbe = probe(2, 30),
            LivenessProbe = probe(10, 3),
            ReadinessProbe = probe(5, 3),
        };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(ChartRedis.Name), Labels = HelmNames.Labels(ChartRedis.Name) },
            Spec = new V1DeploymentSpec
            {
                // One pod: the counts are one set (a second Redis would split them); they live only as long as their window.
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = selector },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = HelmNames.Labels(ChartRedis.Name) },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = PodHardening.Pod(),
                        Containers = [container],
                        Volumes = [PodHardening.EmptyDirectory(DataVolume)],
                        TopologySpreadConstraints = PodHardening.Spread(selector),
                    },
                },
            },
        };
        const string at = "spec.template.spec.containers[0]";
        var maxMemory = container.Args.IndexOf("--maxmemory") + 1;
        // YAML 1.1, which Kubernetes reads, takes a bare no for false: the argument must be quoted.
        var appendOnly = container.Args.IndexOf("--appendonly") + 1;
        List<HelmPatch> patches =
        [
            new($"{at}.image", $"{{{{ printf \"%s:%s\" {v}.image.repository ({v}.image.tag | toString) | quote }}}}"),
            new($"{at}.imagePullPolicy", $"{{{{ {v}.image.pullPolicy | default \"IfNotPresent\" | quote }}}}"),
            new($"{at}.resources", $"{{{{ toJson {v}.resources }}}}"),
            new($"{at}.args[{maxMemory}]", $"{{{{ {v}.maxMemory | default \"0\" | quote }}}}"),
            new($"{at}.args[{appendOnly}]", "\"no\""),
            .. PodHardening.PodUid($"{v}.runAsUser"),
            .. PodHardening.ContainerUid(at, $"{v}.runAsUser"),
        ];
        return new HelmManifest($"{folder}/deployment.yaml", deployment, patches, ChartRedis.Enabled);
    }

    private static HelmManifest Service(string folder)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(ChartRedis.Name), Labels = HelmNames.Labels(ChartRedis.Name) },
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = HelmNames.Selector(ChartRedis.Name),
                Ports = [new V1ServicePort { Name = PortName, Port = ChartRedis.Port, TargetPort = PortName, Protocol = "TCP" }],
            },
        };
        return new HelmManifest($"{folder}/service.yaml", service, [], ChartRedis.Enabled);
    }

    /// <summary>The password: the one the release's Secret has (upgrades keep it), else generated; none with <c>redis.existingSecret</c>.</summary>
    private static HelmManifest PasswordSecret(string folder)
    {
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta { Name = ChartRedis.SecretObjectName, Labels = HelmNames.Labels(ChartRedis.Name) },
            Data = new Dictionary<string, byte[]>(),
        };
        var value = "{{ include \"mcpsecure.secretValue\" (dict \"root\" $ \"name\" (printf \"%s-redis-password\" .Release.Name) \"value\" \"\" " +
                    $"\"key\" \"redis.existingSecret\" \"length\" {ChartRedis.GeneratedPasswordLength}) }}}}";
        return new HelmManifest($"{folder}/secret.yaml", secret, [new HelmPatch($"data.{ChartRedis.SecretKey}", value)],
            $"and {ChartRedis.Enabled} (not {ChartRedis.Values}.existingSecret)");
    }

    /// <summary>In: the gateway's pods on 6379, nothing else. Out: nothing (Redis calls no one, not even DNS).</summary>
    private static HelmManifest NetworkPolicy(ChartApplication app, string folder)
    {
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(ChartRedis.Name), Labels = HelmNames.Labels(ChartRedis.Name) },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(ChartRedis.Name) },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(app.Gateway.Name) } }],
                        Ports = [new V1NetworkPolicyPort { Port = ChartRedis.Port, Protocol = "TCP" }],
                    },
                ],
                Egress = [],
            },
        };
        return new HelmManifest($"{folder}/networkpolicy.yaml", policy, [], $"and ({ChartRedis.Enabled}) ({HelmValuePaths.NetworkPolicyEnabled})");
    }

    /// <summary>An object the chart writes whole on one line, as JSON (a YAML flow mapping); Helm expressions inside stay expressions.</summary>
    private static string Json(object value) => KubernetesJson.Serialize(value);
}
