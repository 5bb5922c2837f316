using System.Text;
using YamlDotNet.Serialization;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// values.yaml: shaped like the official Aspire publisher's (<c>parameters</c>, <c>config</c>, <c>secrets</c> per
/// resource), plus what a cluster needs that the app model cannot say (public URL, the organisation's provider,
/// exposure, policies). Each section is commented.
/// </summary>
internal static class HelmValuesWriter
{
    private static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().DisableAliases().Build();

    public static string Write(ChartApplication app)
    {
        var text = new StringBuilder();
        text.Append("# Values of the McpSecure chart, written by `aspire publish` from the app model.\n")
            .Append("# Install: helm install mcpsecure . --set gateway.publicBaseUrl=https://mcp.example.com \\\n")
            .Append("#   --set authorizationServer.issuer=https://login.example.com/realms/example");
        foreach (var service in app.ExternalServices)
        {
            text.Append(" \\\n#   --set services.").Append(HelmNames.ValuesKey(service)).Append(".url=http://").Append(service).Append(".monitoring.svc:9090");
        }
        text.Append("\n\n");

        Section(text, "The gateway: the only workload reachable from outside. publicBaseUrl is the origin clients use; the\n" +
                      "resource id (<publicBaseUrl>/mcp), the token audience and the Ingress/HTTPRoute host come from it.",
            "gateway", new Dictionary<string, object> { ["publicBaseUrl"] = "" });
        Section(text, "Your organisation's OIDC provider. issuer: exactly as in its tokens' iss. audience: an extra audience for\n" +
                      "providers that cannot put <publicBaseUrl>/mcp into aud (RFC 8707). metadataAddress: where to fetch\n" +
                      "discovery if not at the issuer. Clients register at the provider itself (dynamic registration or client\n" +
                      "metadata documents); the gateway hands out no shared client id.",
            "authorizationServer", new Dictionary<string, object> { ["issuer"] = "", ["audience"] = "", ["metadataAddress"] = "" });
        if (app.UpstreamUrl is not null || app.Gateway.Settings.Any(s => s is { Kind: ChartSettingKind.Upstream, Target: null }))
        {
            Section(text, "The MCP server the gateway protects runs outside the chart: its MCP endpoint.",
                "upstream", new Dictionary<string, object> { ["url"] = app.UpstreamUrl is { } url && !IsLoopback(url) ? url : "" });
        }
        if (app.ExternalServices.Count > 0)
        {
            Section(text, "Services the app uses that the chart does not run: their URLs in your cluster.",
                "services", app.ExternalServices.ToDictionary(HelmNames.ValuesKey, s => (object)new Dictionary<string, object> { ["url"] = "" }));
        }
        Section(text, "How the gateway is exposed: ingress, httpRoute (Gateway API) or none. TLS: for an Ingress, the Secret\n" +
                      "with the certificate for the public host; for an HTTPRoute, TLS ends at the Gateway's listener.",
            "exposure", new Dictionary<string, object>
            {
                ["type"] = "ingress",
                ["tls"] = new Dictionary<string, object> { ["secretName"] = "" },
                ["ingress"] = new Dictionary<string, object> { ["className"] = "", ["annotations"] = new Dictionary<string, object>() },
                ["httpRoute"] = new Dictionary<string, object> { ["parentRefs"] = new List<object>() },
            });
        if (PodLayout.Applies(app))
        {
            Section(text, $"separate: the MCP server in pods of its own behind a ClusterIP Service. sidecar: in the gateway's pod,\n" +
                          $"reached over localhost:{PodLayout.SidecarPort(app.Internal.Single())} (the nginx design's layout; it scales with the gateway's parameters).",
                "layout", PodLayout.Separate);
        }
        foreach (var demo in app.DemoProviders)
        {
            DemoSection(text, demo);
        }
        if (app.Redis is { } redis)
        {
            Section(text, Redis.RedisValues.Comment, Redis.RedisValues.Key, Redis.RedisValues.Values(redis));
        }
        Section(text, NetworkPolicyComment(app), "networkPolicy", NetworkPolicyValues(app));
        Section(text, "Per resource: image (build it with `dotnet publish --os linux --arch x64 /t:PublishContainer`), replicas,\n" +
                      "requests and limits, autoscaling, disruption budget, and the fixed non-root uid the containers run as.",
            "parameters", app.Workloads.ToDictionary(w => w.ValuesKey, w => (object)Parameters(w)));
        Section(text, "Per resource: the settings of the app model, as environment variables (in the resource's ConfigMap).",
            "config", app.Workloads.ToDictionary(w => w.ValuesKey, w => (object)w.Settings
                .Where(s => s.Kind == ChartSettingKind.Config)
                .ToDictionary(s => s.Key, s => (object)s.Value)));
        Section(text, "Secrets, one Secret each, referenced by the Deployments and never written into a ConfigMap. value: empty\n" +
                      "means generated at install and kept on upgrades (or required, where the app model generates none);\n" +
                      "existingSecret: a Secret you manage (key \"value\") instead.",
            "secrets", app.AllSecrets.ToDictionary(s => s.ValuesKey, _ => (object)new Dictionary<string, object> { ["value"] = "", ["existingSecret"] = "" }));
        return text.ToString();
    }

    private static Dictionary<string, object> Parameters(ChartWorkload workload)
    {
        // Our .NET services are stateless (the MCP servers run the stateless transport): two replicas, autoscaled.
        // An image of someone else's may keep sessions in memory: one replica unless you know better.
        var replicas = workload.IsProject ? 2 : 1;
        return new Dictionary<string, object>
        {
            ["image"] = new Dictionary<string, object> { ["repository"] = workload.ImageRepository, ["tag"] = workload.ImageTag, ["pullPolicy"] = "IfNotPresent" },
            ["replicas"] = replicas,
            ["runAsUser"] = HelmNames.NonRootUid,
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, object> { ["cpu"] = "100m", ["memory"] = "128Mi" },
                ["limits"] = new Dictionary<string, object> { ["cpu"] = "1", ["memory"] = "512Mi" },
            },
            ["autoscaling"] = new Dictionary<string, object>
            {
                ["enabled"] = workload.IsProject,
                ["minReplicas"] = replicas,
                ["maxReplicas"] = workload.IsProject ? 6 : 1,
                ["targetCPUUtilizationPercentage"] = 75,
            },
            ["podDisruptionBudget"] = new Dictionary<string, object> { ["enabled"] = workload.IsProject, ["minAvailable"] = 1 },
        };
    }

    private static void DemoSection(StringBuilder text, DemoIdentityProvider demo)
    {
        var what = demo.IsKeycloak
            ? "Keycloak, the official image in production mode (`start`, not start-dev: strict hostname, no development\n" +
              "defaults), importing the app's realm at every start. Hardened like the other\n" +
              "pods: its writable paths (/opt/keycloak/data, /opt/keycloak/lib/quarkus where `start` re-builds for the\n" +
              "health and metrics options, copied there by an init container, and /tmp) are emptyDirs. Its database is\n" +
              "the H2 file (KC_DB=dev-file): demo only."
            : "McpSecure.Identity, the app's own OpenIddict provider, seeded from the app's realm at every start; its\n" +
              "database and signing keys are in an emptyDir (/data): demo only.";
        var issuer = demo.IsKeycloak ? $"<publicBaseUrl>/realms/{IdentityProviderExtensions.RealmName}" : "<publicBaseUrl>/";
        var comment = $"DEMO ONLY, off by default, for a self-contained demo cluster.\n{what}\n" +
                      "One pod; what it stores goes with it (users' sessions, tokens, keys; the realm comes back). The realm's\n" +
                      "users and client secret are the repository's development values (files/, in a ConfigMap): anyone who\n" +
                      "reaches the demo can log in as them. Replace files/ before installing, or keep the demo private.\n" +
                      $"When on and authorizationServer.issuer is empty, the gateway trusts it: issuer {issuer}.\n" +
                      "publicBaseUrl: its https origin, exposed like the gateway (exposure.type) on that host; tls.secretName:\n" +
                      "the Ingress's certificate Secret for that host. Production: leave it off and set authorizationServer.";
        var values = new Dictionary<string, object>
        {
            ["enabled"] = false,
            ["publicBaseUrl"] = "",
            ["tls"] = new Dictionary<string, object> { ["secretName"] = "" },
        };
        if (demo.IsKeycloak)
        {
            comment += "\nadminUsername: the bootstrap admin; its password is secrets.keycloak_admin_password (generated when empty).";
            values["adminUsername"] = "admin";
        }
        values["image"] = new Dictionary<string, object> { ["repository"] = demo.ImageRepository, ["tag"] = demo.ImageTag, ["pullPolicy"] = "IfNotPresent" };
        values["runAsUser"] = demo.Uid;
        values["resources"] = demo.IsKeycloak
            ? Resources("250m", "768Mi", "2", "1536Mi")
            : Resources("100m", "128Mi", "1", "512Mi");
        Section(text, comment, demo.Name, values);
    }

    private static Dictionary<string, object> Resources(string cpu, string memory, string cpuLimit, string memoryLimit) => new()
    {
        ["requests"] = new Dictionary<string, object> { ["cpu"] = cpu, ["memory"] = memory },
        ["limits"] = new Dictionary<string, object> { ["cpu"] = cpuLimit, ["memory"] = memoryLimit },
    };

    private static string NetworkPolicyComment(ChartApplication app)
    {
        var comment = new StringBuilder()
            .Append("NetworkPolicies: every pod denies all traffic but what follows. In: the gateway on its port (from the Ingress\n")
            .Append("or Gateway); the MCP server from the gateway's pods only; a demo provider on its port. Out, each rule a list of\n")
            .Append("NetworkPolicy peers (podSelector, namespaceSelector, ipBlock) and ports:\n")
            .Append("- dns: every pod, UDP/TCP 53 to these peers (the cluster DNS).\n")
            .Append("- issuer: the gateway, to where it fetches the issuer's discovery and keys. The organisation's provider is\n")
            .Append("  outside the chart: give its peers (e.g. ipBlock cidr 203.0.113.10/32, or the namespace of your ingress\n")
            .Append("  controller for a provider behind it, as a demo provider is). Empty to: any address, on the issuer URL's port\n")
            .Append("  (443 for https) only. ports: empty for that port.\n")
            .Append("- the gateway to the MCP server's pods on its port (the chart knows them), and to a demo provider's pods.\n");
        if (app.Gateway.Settings.Any(s => s is { Kind: ChartSettingKind.Upstream, Target: null }))
        {
            comment.Append("- upstream: the gateway to the MCP server outside the chart (upstream.url): peers required unless that URL\n")
                .Append("  is a Service URL (http://<service>.<namespace>.svc:<port>), from which the chart derives them.\n");
        }
        if (app.ExternalServices.Count > 0)
        {
            comment.Append($"- services.<name>: the MCP server to {string.Join(", ", app.ExternalServices)} (services.<name>.url): for a Service URL\n")
                .Append("  (http://prometheus.monitoring.svc:9090) the chart allows its namespace on its port; any other URL needs\n")
                .Append("  the peers here. ports: the pod's port if the Service maps another.\n");
        }
        if (app.Redis is not null)
        {
            comment.Append(Redis.RedisValues.NetworkPolicyComment);
        }
        return comment.Append("Nothing else leaves the pods.").ToString();
    }

    private static Dictionary<string, object> NetworkPolicyValues(ChartApplication app)
    {
        static Dictionary<string, object> Peers() => new() { ["to"] = new List<object>(), ["ports"] = new List<object>() };
        var egress = new Dictionary<string, object>
        {
            ["dns"] = new Dictionary<string, object>
            {
                ["to"] = new List<object>
                {
                    new Dictionary<string, object>
                    {
                        ["namespaceSelector"] = new Dictionary<string, object> { ["matchLabels"] = new Dictionary<string, object> { ["kubernetes.io/metadata.name"] = "kube-system" } },
                        ["podSelector"] = new Dictionary<string, object> { ["matchLabels"] = new Dictionary<string, object> { ["k8s-app"] = "kube-dns" } },
                    },
                },
            },
            ["issuer"] = Peers(),
        };
        if (app.Gateway.Settings.Any(s => s is { Kind: ChartSettingKind.Upstream, Target: null }))
        {
            egress["upstream"] = Peers();
        }
        if (app.ExternalServices.Count > 0)
        {
            egress["services"] = app.ExternalServices.ToDictionary(HelmNames.ValuesKey, _ => (object)Peers());
        }
        if (app.Redis is not null)
        {
            egress["redis"] = Redis.RedisValues.EgressPeers();
        }
        return new Dictionary<string, object> { ["enabled"] = true, ["egress"] = egress };
    }

    private static bool IsLoopback(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    private static void Section(StringBuilder text, string comment, string key, object value)
    {
        foreach (var line in comment.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }
        text.Append(Yaml.Serialize(new Dictionary<string, object> { [key] = value })).Append('\n');
    }
}
