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
        Section(text, "NetworkPolicies: the gateway takes traffic on its port only; the MCP server only from the gateway's pods.",
            "networkPolicy", new Dictionary<string, object> { ["enabled"] = true });
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
            "secrets", app.Secrets.ToDictionary(s => s.ValuesKey, _ => (object)new Dictionary<string, object> { ["value"] = "", ["existingSecret"] = "" }));
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
