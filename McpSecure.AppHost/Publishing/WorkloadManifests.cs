using k8s.Models;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// The objects of one workload, hardened: Deployment, Service (ClusterIP), ConfigMap, NetworkPolicy,
/// HorizontalPodAutoscaler and PodDisruptionBudget, as typed KubernetesClient models.
/// </summary>
internal static class WorkloadManifests
{
    private const string HttpPortName = "http";
    private const string TempVolume = "tmp";
    private const string SidecarPortName = "mcp-http";
    private const string SidecarTempVolume = "mcp-tmp";

    public static IEnumerable<HelmManifest> Build(ChartWorkload workload, ChartApplication app)
    {
        var folder = $"templates/{workload.Name}";
        yield return ConfigMap(workload, app, folder);
        var objects = new[]
        {
            Deployment(workload, folder), Service(workload, folder), NetworkPolicyManifests.Build(workload, app, folder),
            Autoscaler(workload, folder), DisruptionBudget(workload, folder),
        };
        var sidecar = PodLayout.Applies(app);
        foreach (var manifest in objects)
        {
            // In the sidecar layout the MCP server has no pod, Service or policy of its own, and the gateway's pod is another Deployment.
            var separateOnly = sidecar && (!workload.IsPublic || manifest.Resource is V1Deployment);
            var built = workload.IsPublic ? Redis.RedisManifests.WithGatewayConnection(manifest, app) : manifest;
            yield return separateOnly ? built with { Condition = PodLayout.And(built.Condition, PodLayout.IsSeparate) } : built;
        }
        if (sidecar && workload.IsPublic)
        {
            yield return Redis.RedisManifests.WithGatewayConnection(SidecarDeployment(workload, app.Internal.Single()), app);
        }
    }

    public static string ConfigMapName(ChartWorkload workload) => HelmNames.Object(workload.Name + "-config");

    private static V1ObjectMeta Metadata(ChartWorkload workload, string name) =>
        new() { Name = name, Labels = HelmNames.Labels(workload.Name) };

    private static HelmManifest ConfigMap(ChartWorkload workload, ChartApplication app, string folder)
    {
        var data = new Dictionary<string, string>();
        var patches = new List<HelmPatch>();
        void Add(string key, string expression, string? condition = null)
        {
            data[key] = "";
            patches.Add(new HelmPatch($"data.{key}", "{{ " + expression + " | quote }}", condition));
        }

        if (workload.IsProject && !workload.IsPublic && PodLayout.Applies(app))
        {
            // Beside the gateway in one pod, the MCP server needs a port of its own.
            Add("ASPNETCORE_HTTP_PORTS", $"ternary \"{PodLayout.SidecarPort(workload)}\" \"{workload.Port}\" ({PodLayout.IsSidecar})");
        }
        else if (workload.IsProject)
        {
            data["ASPNETCORE_HTTP_PORTS"] = workload.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var setting in workload.Settings)
        {
            switch (setting.Kind)
            {
                case ChartSettingKind.Config:
                    Add(setting.Key, HelmValuePaths.Config(workload, setting.Key));
                    break;
                case ChartSettingKind.PublicBaseUrl:
                    Add(setting.Key, HelmValuePaths.Required(HelmValuePaths.PublicBaseUrl, "gateway.publicBaseUrl",
                        "the https origin MCP clients use, e.g. https://mcp.example.com"));
                    break;
                case ChartSettingKind.Issuer:
                    // The organisation's provider, or the demo provider values switch on (mcpsecure.issuer in _helpers.tpl).
                    Add(setting.Key, "include \"mcpsecure.issuer\" $");
                    // The organisation's provider: a fixed audience and a metadata address where it needs them.
                    Add("Gateway__AuthorizationServer__AdditionalAudiences__0", HelmValuePaths.Audience, HelmValuePaths.Audience);
                    Add("Gateway__AuthorizationServer__MetadataAddress", HelmValuePaths.MetadataAddress, HelmValuePaths.MetadataAddress);
                    break;
                case ChartSettingKind.Upstream when setting.Target is { } server:
                    Add(setting.Key, ServiceUrl(app, server, setting.Value));
                    break;
                case ChartSettingKind.Upstream:
                    Add(setting.Key, HelmValuePaths.Required(HelmValuePaths.UpstreamUrl, "upstream.url",
                        "the MCP endpoint of the server the gateway protects"));
                    break;
                case ChartSettingKind.ServiceUrl:
                    Add(setting.Key, ServiceUrl(app, setting.Target!, ""));
                    break;
                case ChartSettingKind.ExternalServiceUrl:
                    Add(setting.Key, HelmValuePaths.Required(HelmValuePaths.Service(setting.Target!), $"services.{HelmNames.ValuesKey(setting.Target!)}.url",
                        $"the URL of {setting.Target} in your cluster, which the chart does not run"));
                    break;
                case ChartSettingKind.Secret:
                    break; // referenced by the Deployment, never in a ConfigMap
            }
        }
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(workload, ConfigMapName(workload)),
            Data = data,
        };
        return new HelmManifest($"{folder}/config.yaml", configMap, patches);
    }

    /// <summary>Another workload's Service URL, built at render time from the release name; localhost in the sidecar layout.</summary>
    private static string ServiceUrl(ChartApplication app, string resource, string path)
    {
        var target = app.Workloads.Single(w => w.Name == resource);
        var service = $"(printf \"http://%s-{resource}:{target.Port}{path}\" .Release.Name)";
        return PodLayout.Applies(app) && !target.IsPublic
            ? $"ternary \"http://localhost:{PodLayout.SidecarPort(target)}{path}\" {service} ({PodLayout.IsSidecar})"
            : service;
    }

    private static HelmManifest Deployment(ChartWorkload workload, string folder) =>
        Deployment(workload, sidecar: null, $"{folder}/deployment.yaml");

    /// <summary>The gateway's pod with the MCP server beside it (<see cref="PodLayout.Sidecar"/>).</summary>
    public static HelmManifest SidecarDeployment(ChartWorkload gateway, ChartWorkload server) =>
        Deployment(gateway, server, $"templates/{gateway.Name}/deployment-sidecar.yaml") with { Condition = PodLayout.IsSidecar };

    private static HelmManifest Deployment(ChartWorkload workload, ChartWorkload? sidecar, string path)
    {
        var p = HelmValuePaths.Parameters(workload);
        var patches = new List<HelmPatch>();
        var containers = new List<V1Container> { Container(workload, HttpPortName, workload.Port, TempVolume, 0, patches) };
        var volumes = new List<V1Volume> { PodHardening.EmptyDirectory(TempVolume) };
        var configs = new List<string> { workload.Name };
        if (sidecar is not null)
        {
            containers.Add(Container(sidecar, SidecarPortName, PodLayout.SidecarPort(sidecar), SidecarTempVolume, 1, patches));
            volumes.Add(PodHardening.EmptyDirectory(SidecarTempVolume));
            configs.Add(sidecar.Name);
        }
        var selector = HelmNames.Selector(workload.Name);
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(workload, HelmNames.Object(workload.Name)),
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = selector },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = HelmNames.Labels(workload.Name),
                        // A changed setting rolls the pods (environment is read at start).
                        Annotations = configs.ToDictionary(c => $"checksum/config-{c}",
                            c => "{{ include (print $.Template.BasePath \"/" + c + "/config.yaml\") . | sha256sum }}"),
                    },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = PodHardening.Pod(),
                        Containers = containers,
                        Volumes = volumes,
                        TopologySpreadConstraints = PodHardening.Spread(selector),
                    },
                },
            },
        };
        const string pod = "spec.template.spec";
        patches.AddRange(
        [
            new HelmPatch("spec.replicas", $"{{{{ {p}.replicas }}}}", $"not {p}.autoscaling.enabled"),
        ]);
        patches.AddRange(PodHardening.PodUid($"{p}.runAsUser", pod));
        return new HelmManifest(path, deployment, patches);
    }

    /// <summary>One hardened container of <paramref name="workload"/>; its image, resources and uid come from its values.</summary>
    private static V1Container Container(ChartWorkload workload, string portName, int port, string tempVolume, int index, List<HelmPatch> patches)
    {
        var p = HelmValuePaths.Parameters(workload);
        var at = $"spec.template.spec.containers[{index}]";
        patches.AddRange(
        [
            new HelmPatch($"{at}.image", $"{{{{ printf \"%s:%s\" {p}.image.repository ({p}.image.tag | toString) | quote }}}}"),
            new HelmPatch($"{at}.imagePullPolicy", $"{{{{ {p}.image.pullPolicy | default \"IfNotPresent\" | quote }}}}"),
            new HelmPatch($"{at}.resources", $"{{{{ toJson {p}.resources }}}}"),
        ]);
        patches.AddRange(PodHardening.ContainerUid(at, $"{p}.runAsUser"));
        return new V1Container
        {
            Name = workload.Name,
            ImagePullPolicy = "IfNotPresent",
            Args = workload.Arguments.Count > 0 ? [.. workload.Arguments] : null,
            Ports = [new V1ContainerPort { Name = portName, ContainerPort = port, Protocol = "TCP" }],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(workload) } }],
            Env = workload.Settings.Where(s => s.Kind == ChartSettingKind.Secret).Select(s => new V1EnvVar
            {
                Name = s.Key,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretManifests.SecretName(s.Secret!), Key = SecretManifests.Key } },
            }).ToList() is { Count: > 0 } env ? env : null,
            SecurityContext = PodHardening.Container(),
            VolumeMounts = [new V1VolumeMount { Name = tempVolume, MountPath = "/tmp" }],
            StartupProbe = Probe(workload, portName, HelmNames.ServiceDefaultsLiveness, period: 2, failures: 30),
            LivenessProbe = Probe(workload, portName, HelmNames.ServiceDefaultsLiveness, period: 10, failures: 3),
            ReadinessProbe = Probe(workload, portName, AppModelNames.Paths.Health, period: 5, failures: 3),
        };
    }

    /// <summary>.NET projects: ServiceDefaults' <c>/alive</c> (live) and <c>/health</c> (ready); other images: the port answers.</summary>
    private static V1Probe Probe(ChartWorkload workload, string portName, string path, int period, int failures) => workload.IsProject
        ? new V1Probe { HttpGet = new V1HTTPGetAction { Path = path, Port = portName }, PeriodSeconds = period, FailureThreshold = failures, TimeoutSeconds = 3 }
        : new V1Probe { TcpSocket = new V1TCPSocketAction { Port = portName }, PeriodSeconds = period, FailureThreshold = failures, TimeoutSeconds = 3 };

    private static HelmManifest Service(ChartWorkload workload, string folder)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(workload, HelmNames.Object(workload.Name)),
            Spec = new V1ServiceSpec
            {
                // Never a LoadBalancer or NodePort: the gateway is exposed by the Ingress or HTTPRoute only.
                Type = "ClusterIP",
                Selector = HelmNames.Selector(workload.Name),
                Ports = [new V1ServicePort { Name = HttpPortName, Port = workload.Port, TargetPort = HttpPortName, Protocol = "TCP" }],
            },
        };
        return new HelmManifest($"{folder}/service.yaml", service, []);
    }

    private static HelmManifest Autoscaler(ChartWorkload workload, string folder)
    {
        var p = HelmValuePaths.Parameters(workload);
        var autoscaler = new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = Metadata(workload, HelmNames.Object(workload.Name)),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = HelmNames.Object(workload.Name) },
                MaxReplicas = 0,
                Metrics =
                [
                    new V2MetricSpec
                    {
                        Type = "Resource",
                        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization" } },
                    },
                ],
            },
        };
        return new HelmManifest($"{folder}/hpa.yaml", autoscaler,
        [
            new HelmPatch("spec.minReplicas", $"{{{{ {p}.autoscaling.minReplicas }}}}"),
            new HelmPatch("spec.maxReplicas", $"{{{{ {p}.autoscaling.maxReplicas }}}}"),
            new HelmPatch("spec.metrics[0].resource.target.averageUtilization", $"{{{{ {p}.autoscaling.targetCPUUtilizationPercentage }}}}"),
        ], $"{p}.autoscaling.enabled");
    }

    private static HelmManifest DisruptionBudget(ChartWorkload workload, string folder)
    {
        var p = HelmValuePaths.Parameters(workload);
        var budget = new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = Metadata(workload, HelmNames.Object(workload.Name)),
            Spec = new V1PodDisruptionBudgetSpec { Selector = new V1LabelSelector { MatchLabels = HelmNames.Selector(workload.Name) } },
        };
        return new HelmManifest($"{folder}/pdb.yaml", budget,
            [new HelmPatch("spec.minAvailable", $"{{{{ toJson {p}.podDisruptionBudget.minAvailable }}}}")],
            $"{p}.podDisruptionBudget.enabled");
    }
}
