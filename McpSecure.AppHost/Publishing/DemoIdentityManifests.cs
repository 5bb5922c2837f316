using k8s.Models;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// The objects of a demo identity provider (<see cref="DemoIdentityProvider"/>), rendered only when its values switch
/// is on: the realm in a ConfigMap, its settings in another, one hardened pod, a ClusterIP Service, a NetworkPolicy,
/// and an Ingress or HTTPRoute on the host of its public URL (browsers log in there; the gateway reaches it there too,
/// so that the issuer it fetches is the one in the tokens).
/// </summary>
internal static class DemoIdentityManifests
{
    private const string HttpPortName = "http";
    private const string ManagementPortName = "management";
    private const string RealmVolume = "realm";
    private const string DataVolume = "data";
    private const string TempVolume = "tmp";
    private const string BuildVolume = "quarkus";
    private const string RealmKey = "realm";

    // https://www.keycloak.org/server/importExport, https://www.keycloak.org/server/containers: the official image's layout.
    private const string KeycloakImportDirectory = "/opt/keycloak/data/import";
    private const string KeycloakDataDirectory = "/opt/keycloak/data";
    private const string KeycloakBuildDirectory = "/opt/keycloak/lib/quarkus";

    private const string IdentityRealmDirectory = "/realm";
    private const string IdentityDataDirectory = "/data";

    public static IEnumerable<HelmManifest> Build(DemoIdentityProvider demo)
    {
        var folder = $"templates/{demo.Name}";
        yield return Conditional(RealmConfigMap(demo, folder), demo);
        yield return Conditional(SettingsConfigMap(demo, folder), demo);
        yield return Conditional(Deployment(demo, folder), demo);
        yield return Conditional(Service(demo, folder), demo);
        yield return NetworkPolicyManifests.Build(demo);
        foreach (var exposure in ExposureManifests.Build(demo.Name, DemoIdentityProvider.HttpPort,
                     $"(urlParse (include \"mcpsecure.demoUrl\" (dict \"root\" $ \"name\" \"{demo.Name}\"))).hostname", $"{demo.Values}.tls.secretName", demo.Enabled))
        {
            yield return exposure;
        }
        if (demo.IsKeycloak)
        {
            var secret = SecretManifests.Build(DemoIdentityProvider.KeycloakAdminPassword);
            yield return secret with { Path = $"{folder}/admin-secret.yaml", Condition = PodLayout.And(secret.Condition, demo.Enabled) };
        }
    }

    public static string ConfigMapName(DemoIdentityProvider demo) => HelmNames.Object(demo.Name + "-config");

    public static string RealmConfigMapName(DemoIdentityProvider demo) => HelmNames.Object(demo.Name + "-realm");

    private static HelmManifest Conditional(HelmManifest manifest, DemoIdentityProvider demo) =>
        manifest with { Condition = PodLayout.And(manifest.Condition, demo.Enabled) };

    private static V1ObjectMeta Metadata(DemoIdentityProvider demo, string name) => new() { Name = name, Labels = HelmNames.Labels(demo.Name) };

    private static HelmManifest RealmConfigMap(DemoIdentityProvider demo, string folder)
    {
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(demo, RealmConfigMapName(demo)),
            Data = new Dictionary<string, string> { [RealmKey] = "" },
        };
        // The realm is a file of the chart (files/), replaceable before install; never a secret (demo users only).
        return new HelmManifest($"{folder}/realm.yaml", configMap, [new HelmPatch($"data.{RealmKey}", $"{{{{ $.Files.Get \"{demo.RealmChartFile}\" | quote }}}}")]);
    }

    private static HelmManifest SettingsConfigMap(DemoIdentityProvider demo, string folder)
    {
        var data = new Dictionary<string, string>();
        var patches = new List<HelmPatch>();
        void Add(string key, string expression)
        {
            data[key] = "";
            patches.Add(new HelmPatch($"data.{key}", "{{ " + expression + " | quote }}"));
        }

        var url = $"include \"mcpsecure.demoUrl\" (dict \"root\" $ \"name\" \"{demo.Name}\")";
        var resource = $"printf \"%s{AppModelNames.Paths.Mcp}\" ({HelmValuePaths.Required(HelmValuePaths.PublicBaseUrl, "gateway.publicBaseUrl", "the https origin MCP clients use, e.g. https://mcp.example.com")} | trimSuffix \"/\")";
        if (demo.IsKeycloak)
        {
            // https://www.keycloak.org/server/all-config. Production start (not start-dev): strict hostname, no dev defaults.
            Add("KC_BOOTSTRAP_ADMIN_USERNAME", $"{demo.Values}.adminUsername");
            data["KC_HEALTH_ENABLED"] = "true";
            data["KC_METRICS_ENABLED"] = "true";
            data["KC_HTTP_ENABLED"] = "true"; // TLS ends at the Ingress or the Gateway
            data["KC_PROXY_HEADERS"] = "xforwarded";
            data["KC_DB"] = "dev-file"; // DEMO: an H2 file in an emptyDir; a real Keycloak has a database
            Add("KC_HOSTNAME", url);
            // The realm's audience mapper puts the gateway's resource into aud (as in the AppHost).
            Add("MCPSECURE_RESOURCE", resource);
        }
        else
        {
            data["ASPNETCORE_HTTP_PORTS"] = DemoIdentityProvider.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            data["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
            Add("Identity__Issuer", $"printf \"%s/\" ({url})");
            data["Identity__DataPath"] = IdentityDataDirectory;
            data["Identity__RealmFile"] = $"{IdentityRealmDirectory}/{demo.RealmFileName}";
            Add("Identity__Resources__0", resource);
        }
        var configMap = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Metadata(demo, ConfigMapName(demo)), Data = data };
        return new HelmManifest($"{folder}/config.yaml", configMap, patches);
    }

    private static HelmManifest Deployment(DemoIdentityProvider demo, string folder)
    {
        var p = demo.Values;
        var patches = new List<HelmPatch>();
        var selector = HelmNames.Selector(demo.Name);
        var container = demo.IsKeycloak ? KeycloakContainer(demo) : IdentityContainer(demo);
        var volumes = new List<V1Volume>
        {
            PodHardening.EmptyDirectory(TempVolume),
            // DEMO: the provider's database and keys live as long as the pod.
            PodHardening.EmptyDirectory(DataVolume, "256Mi"),
            new()
            {
                Name = RealmVolume,
                ConfigMap = new V1ConfigMapVolumeSource { Name = RealmConfigMapName(demo), Items = [new V1KeyToPath { Key = RealmKey, Path = demo.RealmFileName }] },
            },
        };
        List<V1Container>? init = null;
        if (demo.IsKeycloak)
        {
            // `start` re-builds Keycloak for the options set here (health, metrics, database) into lib/quarkus: a writable
            // copy of the image's, made by an init container, so that the root file system stays read-only.
            volumes.Add(PodHardening.EmptyDirectory(BuildVolume, "256Mi"));
            init =
            [
                new V1Container
                {
                    Name = "keycloak-build-directory",
                    Command = ["/bin/bash", "-c", $"cp -R {KeycloakBuildDirectory}/. /writable/"],
                    SecurityContext = PodHardening.Container(),
                    VolumeMounts = [new V1VolumeMount { Name = BuildVolume, MountPath = "/writable" }],
                },
            ];
        }
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(demo, HelmNames.Object(demo.Name)),
            Spec = new V1DeploymentSpec
            {
                // DEMO: one pod, its data its own; Recreate, so that two never run against one realm import.
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = selector },
                Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = HelmNames.Labels(demo.Name),
                        Annotations = new Dictionary<string, string>
                        {
                            [$"checksum/config-{demo.Name}"] = "{{ include (print $.Template.BasePath \"/" + demo.Name + "/config.yaml\") . | sha256sum }}",
                            [$"checksum/realm-{demo.Name}"] = "{{ include (print $.Template.BasePath \"/" + demo.Name + "/realm.yaml\") . | sha256sum }}",
                        },
                    },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = PodHardening.Pod(),
                        InitContainers = init,
                        Containers = [container],
                        Volumes = volumes,
                        TopologySpreadConstraints = PodHardening.Spread(selector),
                    },
                },
            },
        };
        patches.AddRange(PodHardening.PodUid($"{p}.runAsUser"));
        var containers = new List<string> { "spec.template.spec.containers[0]" };
        if (init is not null)
        {
            containers.Add("spec.template.spec.initContainers[0]");
        }
        foreach (var at in containers)
        {
            patches.Add(new HelmPatch($"{at}.image", $"{{{{ printf \"%s:%s\" {p}.image.repository ({p}.image.tag | toString) | quote }}}}"));
            patches.Add(new HelmPatch($"{at}.imagePullPolicy", $"{{{{ {p}.image.pullPolicy | default \"IfNotPresent\" | quote }}}}"));
            patches.Add(new HelmPatch($"{at}.resources", $"{{{{ toJson {p}.resources }}}}"));
            patches.AddRange(PodHardening.ContainerUid(at, $"{p}.runAsUser"));
        }
        return new HelmManifest($"{folder}/deployment.yaml", deployment, patches);
    }

    private static V1Container KeycloakContainer(DemoIdentityProvider demo) => new()
    {
        Name = demo.Name,
        // The production start command (https://www.keycloak.org/server/configuration-production), importing the realm.
        Args = ["start", "--import-realm"],
        Ports =
        [
            new V1ContainerPort { Name = HttpPortName, ContainerPort = DemoIdentityProvider.HttpPort, Protocol = "TCP" },
            new V1ContainerPort { Name = ManagementPortName, ContainerPort = DemoIdentityProvider.KeycloakManagementPort, Protocol = "TCP" },
        ],
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(demo) } }],
        Env =
        [
            new V1EnvVar
            {
                Name = "KC_BOOTSTRAP_ADMIN_PASSWORD",
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretManifests.SecretName(DemoIdentityProvider.KeycloakAdminPassword), Key = SecretManifests.Key } },
            },
        ],
        SecurityContext = PodHardening.Container(),
        VolumeMounts =
        [
            new V1VolumeMount { Name = TempVolume, MountPath = "/tmp" },
            new V1VolumeMount { Name = DataVolume, MountPath = KeycloakDataDirectory },
            new V1VolumeMount { Name = RealmVolume, MountPath = KeycloakImportDirectory, ReadOnlyProperty = true },
            new V1VolumeMount { Name = BuildVolume, MountPath = KeycloakBuildDirectory },
        ],
        // https://www.keycloak.org/observability/health, on the management interface. Starting includes the re-build.
        StartupProbe = Probe("/health/started", ManagementPortName, period: 5, failures: 60),
        LivenessProbe = Probe("/health/live", ManagementPortName, period: 10, failures: 3),
        ReadinessProbe = Probe("/health/ready", ManagementPortName, period: 5, failures: 3),
    };

    private static V1Container IdentityContainer(DemoIdentityProvider demo) => new()
    {
        Name = demo.Name,
        Ports = [new V1ContainerPort { Name = HttpPortName, ContainerPort = DemoIdentityProvider.HttpPort, Protocol = "TCP" }],
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(demo) } }],
        SecurityContext = PodHardening.Container(),
        VolumeMounts =
        [
            new V1VolumeMount { Name = TempVolume, MountPath = "/tmp" },
            new V1VolumeMount { Name = DataVolume, MountPath = IdentityDataDirectory },
            new V1VolumeMount { Name = RealmVolume, MountPath = IdentityRealmDirectory, ReadOnlyProperty = true },
        ],
        StartupProbe = Probe(HelmNames.ServiceDefaultsLiveness, HttpPortName, period: 2, failures: 30),
        LivenessProbe = Probe(HelmNames.ServiceDefaultsLiveness, HttpPortName, period: 10, failures: 3),
        ReadinessProbe = Probe(AppModelNames.Paths.Health, HttpPortName, period: 5, failures: 3),
    };

    private static V1Probe Probe(string path, string port, int period, int failures) =>
        new() { HttpGet = new V1HTTPGetAction { Path = path, Port = port }, PeriodSeconds = period, FailureThreshold = failures, TimeoutSeconds = 3 };

    private static HelmManifest Service(DemoIdentityProvider demo, string folder)
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(demo, HelmNames.Object(demo.Name)),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = HelmNames.Selector(demo.Name),
                Ports = [new V1ServicePort { Name = HttpPortName, Port = DemoIdentityProvider.HttpPort, TargetPort = HttpPortName, Protocol = "TCP" }],
            },
        };
        return new HelmManifest($"{folder}/service.yaml", service, []);
    }
}
