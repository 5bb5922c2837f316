using k8s.Models;

namespace McpSecure.AppHost.Publishing.Federation;

/// <summary>
/// The objects of McpSecure.Identity in federation mode, for production: the realm (clients, scopes, roles; no users)
/// and its settings in ConfigMaps, the upstream client secret and the PostgreSQL connection string only from Secrets,
/// <c>identity.replicas</c> hardened pods with probes, their data on a PersistentVolumeClaim (SQLite) or in PostgreSQL,
/// a ClusterIP Service, an Ingress or HTTPRoute on the host of <c>identity.publicUrl</c>, and a NetworkPolicy: in on
/// its port, out to DNS, the upstream issuer and PostgreSQL only.
/// </summary>
internal static class FederatedIdentityManifests
{
    public const string RealmDirectory = "/realm";
    public const string DataDirectory = "/data";
    public const int HttpPort = 8080;
    public const int PostgresPort = 5432;

    private const string Folder = "templates/identity";
    private const string HttpPortName = "http";
    private const string RealmKey = "realm";
    private const string DataVolume = "data";
    private const string Container = "spec.template.spec.containers[0]";

    public static string ConfigMapName => HelmNames.Object(FederatedIdentity.Name + "-config");

    public static string RealmConfigMapName => HelmNames.Object(FederatedIdentity.Name + "-realm");

    public static string ClaimName => HelmNames.Object(FederatedIdentity.Name + "-data");

    public static IEnumerable<HelmManifest> Build(FederatedIdentity identity)
    {
        yield return RealmConfigMap(identity);
        yield return SettingsConfigMap();
        yield return Deployment(identity);
        yield return Service();
        yield return DataClaim();
        yield return ClientSecret();
        yield return NetworkPolicy();
        foreach (var exposure in ExposureManifests.Build(FederatedIdentity.Name, HttpPort, FederatedIdentityTemplates.PublicHost,
                     $"{FederatedIdentityTemplates.Values}.tls.secretName", condition: null))
        {
            yield return exposure;
        }
    }

    public static IEnumerable<ChartFile> Files(FederatedIdentity identity) =>
    [
        new(identity.RealmChartFile, identity.RealmJson),
        new($"{Folder}/checks.yaml", FederatedIdentityTemplates.Checks),
    ];

    private static V1ObjectMeta Metadata(string name) => new() { Name = name, Labels = HelmNames.Labels(FederatedIdentity.Name) };

    private static HelmManifest RealmConfigMap(FederatedIdentity identity)
    {
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Metadata(RealmConfigMapName),
            Data = new Dictionary<string, string> { [RealmKey] = "" },
        };
        // Clients, scopes and roles (users are not seeded in federation mode); a file of the chart, replaceable before install.
        return new HelmManifest($"{Folder}/realm.yaml", configMap, [new HelmPatch($"data.{RealmKey}", $"{{{{ $.Files.Get \"{identity.RealmChartFile}\" | quote }}}}")]);
    }

    private static HelmManifest SettingsConfigMap()
    {
        var configMap = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Metadata(ConfigMapName) };
        return new HelmManifest($"{Folder}/config.yaml", configMap, [new HelmPatch("data", "{{ include \"mcpsecure.identityConfig\" . }}")]);
    }

    private static HelmManifest Deployment(FederatedIdentity identity)
    {
        var p = FederatedIdentityTemplates.Values;
        var selector = HelmNames.Selector(FederatedIdentity.Name);
        var container = new V1Container
        {
            Name = FederatedIdentity.Name,
            Ports = [new V1ContainerPort { Name = HttpPortName, ContainerPort = HttpPort, Protocol = "TCP" }],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName } }],
            Env =
            [
                new V1EnvVar { Name = "ASPNETCORE_HTTP_PORTS", Value = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new V1EnvVar(), // the upstream client secret, from its Secret
                new V1EnvVar(), // the PostgreSQL connection string, from its Secret
            ],
            SecurityContext = PodHardening.Container(),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                new V1VolumeMount { Name = DataVolume, MountPath = DataDirectory },
                new V1VolumeMount { Name = RealmKey, MountPath = RealmDirectory, ReadOnlyProperty = true },
            ],
            StartupProbe = Probe(HelmNames.ServiceDefaultsLiveness, period: 2, failures: 60),
            LivenessProbe = Probe(HelmNames.ServiceDefaultsLiveness, period: 10, failures: 3),
            ReadinessProbe = Probe(AppModelNames.Paths.Health, period: 5, failures: 3),
        };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Metadata(HelmNames.Object(FederatedIdentity.Name)),
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = selector },
                Strategy = new V1DeploymentStrategy(),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = HelmNames.Labels(FederatedIdentity.Name),
                        Annotations = new Dictionary<string, string>
                        {
                            ["checksum/config-identity"] = "{{ include (print $.Template.BasePath \"/identity/config.yaml\") . | sha256sum }}",
                            ["checksum/realm-identity"] = "{{ include (print $.Template.BasePath \"/identity/realm.yaml\") . | sha256sum }}",
                        },
                    },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = PodHardening.Pod(),
                        Containers = [container],
                        Volumes =
                        [
                            PodHardening.EmptyDirectory("tmp"),
                            new V1Volume { Name = DataVolume }, // a PersistentVolumeClaim or an emptyDir, by values
                            new V1Volume
                            {
                                Name = RealmKey,
                                ConfigMap = new V1ConfigMapVolumeSource { Name = RealmConfigMapName, Items = [new V1KeyToPath { Key = RealmKey, Path = identity.RealmFileName }] },
                            },
                        ],
                        TopologySpreadConstraints = PodHardening.Spread(selector),
                    },
                },
            },
        };
        var clientSecret = FederatedIdentityTemplates.ClientSecret;
        var secretName = $"({clientSecret}.existingSecret | default (printf \"%s-{AppModelNames.Resources.UpstreamClientSecret}\" $.Release.Name))";
        var secretKey = $"(ternary ({clientSecret}.key | default \"{SecretManifests.Key}\") \"{SecretManifests.Key}\" (ne ({clientSecret}.existingSecret | default \"\") \"\"))";
        var postgres = $"{p}.storage.postgres";
        List<HelmPatch> patches =
        [
            new("spec.replicas", $"{{{{ {p}.replicas | int }}}}"),
            // SQLite: one pod at a time on its volume. PostgreSQL: the replicas share the database, rolling updates.
            new("spec.strategy.type", $"{{{{ ternary \"RollingUpdate\" \"Recreate\" ({FederatedIdentityTemplates.IsPostgreSql}) | quote }}}}"),
            new($"{Container}.env[1]", $"{{{{ dict \"name\" \"Identity__Federation__ClientSecret\" \"valueFrom\" (dict \"secretKeyRef\" (dict \"name\" {secretName} \"key\" {secretKey})) | toJson }}}}",
                FederatedIdentityTemplates.HasClientSecret),
            new($"{Container}.env[2]", $"{{{{ dict \"name\" \"ConnectionStrings__{Hosting.PostgreSql.IdentityDatabaseExtensions.DatabaseName}\" \"valueFrom\" (dict \"secretKeyRef\" (dict \"name\" {postgres}.existingSecret \"key\" ({postgres}.key | default \"connectionString\"))) | toJson }}}}",
                FederatedIdentityTemplates.IsPostgreSql),
            // DEMO-grade when persistence is off (or PostgreSQL holds the state): an emptyDir, lost with the pod.
            new("spec.template.spec.volumes[1]", $"{{{{ if {FederatedIdentityTemplates.IsPersistentSqlite} }}}}{{{{ dict \"name\" \"{DataVolume}\" \"persistentVolumeClaim\" (dict \"claimName\" (printf \"%s-identity-data\" $.Release.Name)) | toJson }}}}{{{{ else }}}}{{{{ dict \"name\" \"{DataVolume}\" \"emptyDir\" (dict \"sizeLimit\" \"256Mi\") | toJson }}}}{{{{ end }}}}"),
            new($"{Container}.image", $"{{{{ printf \"%s:%s\" {p}.image.repository ({p}.image.tag | toString) | quote }}}}"),
            new($"{Container}.imagePullPolicy", $"{{{{ {p}.image.pullPolicy | default \"IfNotPresent\" | quote }}}}"),
            new($"{Container}.resources", $"{{{{ toJson {p}.resources }}}}"),
            .. PodHardening.PodUid($"{p}.runAsUser"),
            .. PodHardening.ContainerUid(Container, $"{p}.runAsUser"),
        ];
        return new HelmManifest($"{Folder}/deployment.yaml", deployment, patches);
    }

    private static V1Probe Probe(string path, int period, int failures) =>
        new() { HttpGet = new V1HTTPGetAction { Path = path, Port = HttpPortName }, PeriodSeconds = period, FailureThreshold = failures, TimeoutSeconds = 3 };

    private static HelmManifest Service()
    {
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Metadata(HelmNames.Object(FederatedIdentity.Name)),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = HelmNames.Selector(FederatedIdentity.Name),
                Ports = [new V1ServicePort { Name = HttpPortName, Port = HttpPort, TargetPort = HttpPortName, Protocol = "TCP" }],
            },
        };
        return new HelmManifest($"{Folder}/service.yaml", service, []);
    }

    /// <summary>SQLite's database, signing keys and Data Protection keys: one volume, kept when the release is uninstalled.</summary>
    private static HelmManifest DataClaim()
    {
        var claim = new V1PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = new V1ObjectMeta
            {
                Name = ClaimName,
                Labels = HelmNames.Labels(FederatedIdentity.Name),
                Annotations = new Dictionary<string, string> { ["helm.sh/resource-policy"] = "keep" },
            },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] },
        };
        var persistence = $"{FederatedIdentityTemplates.Values}.storage.sqlite.persistence";
        return new HelmManifest($"{Folder}/data.yaml", claim,
        [
            new HelmPatch("spec.resources.requests.storage", $"{{{{ {persistence}.size | default \"1Gi\" | quote }}}}"),
            new HelmPatch("spec.storageClassName", $"{{{{ {persistence}.storageClassName | quote }}}}", $"{persistence}.storageClassName"),
        ], FederatedIdentityTemplates.IsPersistentSqlite);
    }

    /// <summary>The upstream client secret the chart keeps (a value given, or kept from the release's Secret); never in a ConfigMap.</summary>
    private static HelmManifest ClientSecret()
    {
        var secret = FederatedIdentityTemplates.UpstreamClientSecret;
        var resource = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta { Name = HelmNames.Object(secret.Name), Labels = HelmNames.Labels(FederatedIdentity.Name) },
            Data = new Dictionary<string, byte[]>(),
        };
        var helper = "{{ include \"mcpsecure.secretValue\" (dict \"root\" $ \"name\" (printf \"%s-" + secret.Name + "\" .Release.Name) " +
                     $"\"value\" {FederatedIdentityTemplates.ClientSecret}.value \"key\" \"identity.federation.clientSecret.value\" \"length\" 0) }}}}";
        return new HelmManifest($"{Folder}/client-secret.yaml", resource, [new HelmPatch($"data.{SecretManifests.Key}", helper)],
            FederatedIdentityTemplates.MakesClientSecret);
    }

    /// <summary>In: its port (browsers through the Ingress or Gateway, the gateway's pods). Out: DNS, the upstream issuer, PostgreSQL.</summary>
    private static HelmManifest NetworkPolicy()
    {
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = Metadata(HelmNames.Object(FederatedIdentity.Name)),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(FederatedIdentity.Name) },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = [new V1NetworkPolicyIngressRule { Ports = [new V1NetworkPolicyPort { Port = HttpPort, Protocol = "TCP" }] }],
                Egress =
                [
                    new V1NetworkPolicyEgressRule { Ports = [new V1NetworkPolicyPort { Port = 53, Protocol = "UDP" }, new V1NetworkPolicyPort { Port = 53, Protocol = "TCP" }] },
                    new V1NetworkPolicyEgressRule(),
                    new V1NetworkPolicyEgressRule(),
                ],
            },
        };
        return new HelmManifest($"{Folder}/networkpolicy.yaml", policy,
        [
            new HelmPatch("spec.egress[0].to", "{{ toJson .Values.networkPolicy.egress.dns.to }}"),
            new HelmPatch("spec.egress[1]", "{{ include \"mcpsecure.egressToUrl\" (dict \"url\" .Values.identity.federation.upstreamIssuer \"key\" \"networkPolicy.egress.upstreamIssuer\" " +
                                            "\"to\" (.Values.networkPolicy.egress.upstreamIssuer | default dict).to \"ports\" (.Values.networkPolicy.egress.upstreamIssuer | default dict).ports \"derive\" false) }}"),
            new HelmPatch("spec.egress[2]", "{{ include \"mcpsecure.identityPostgresEgress\" . }}", FederatedIdentityTemplates.IsPostgreSql),
        ], HelmValuePaths.NetworkPolicyEnabled);
    }
}
