using k8s;
using k8s.Models;

namespace McpSecure.AppHost.Publishing;

/// <summary>
/// One NetworkPolicy per pod, ingress and egress denied but for what the app needs. In: the gateway on its port
/// from anywhere (behind the Ingress/Gateway), the MCP server from the gateway's pods only, a demo provider on its
/// port. Out: DNS for all; the gateway to the MCP server, to the issuer (its peers from values: the organisation's
/// provider is outside the cluster) and to a demo provider's pods; the MCP server to the services it uses
/// (Prometheus), whose peers the chart derives from a Service URL or takes from values.
/// </summary>
internal static class NetworkPolicyManifests
{
    public static HelmManifest Build(ChartWorkload workload, ChartApplication app, string folder)
    {
        var patches = new List<HelmPatch>();
        var egress = new List<V1NetworkPolicyEgressRule> { Dns(patches, 0) };
        void Add(V1NetworkPolicyEgressRule? rule, string expression, string? condition = null)
        {
            // A rule whose peers Helm computes (or that exists only under a condition) is one JSON line.
            patches.Add(new HelmPatch($"spec.egress[{egress.Count}]", expression, condition));
            egress.Add(rule ?? new V1NetworkPolicyEgressRule());
        }

        if (workload.IsPublic)
        {
            Add(null, "{{ include \"mcpsecure.egressToUrl\" (dict \"url\" (include \"mcpsecure.issuer\" .) \"key\" \"networkPolicy.egress.issuer\" " +
                      "\"to\" .Values.networkPolicy.egress.issuer.to \"ports\" .Values.networkPolicy.egress.issuer.ports \"derive\" false) }}");
            foreach (var server in app.Internal)
            {
                Add(null, Json(ToPods(server.Name, server.Port)), PodLayout.Applies(app) ? PodLayout.IsSeparate : null);
            }
            if (workload.Settings.Any(s => s is { Kind: ChartSettingKind.Upstream, Target: null }))
            {
                Add(null, ServiceEgress(HelmValuePaths.UpstreamUrl, "networkPolicy.egress.upstream", ".Values.networkPolicy.egress.upstream"));
            }
            foreach (var demo in app.DemoProviders)
            {
                Add(null, Json(ToPods(demo.Name, DemoIdentityProvider.HttpPort)), demo.Enabled);
            }
            foreach (var (expression, condition) in Redis.RedisManifests.GatewayEgress(app))
            {
                Add(null, expression, condition);
            }
            if (PodLayout.Applies(app))
            {
                // In the sidecar layout the MCP server's container is in this pod: its egress is this policy's.
                foreach (var service in ExternalServices(app.Internal.Single()))
                {
                    Add(null, ServiceEgress(service), PodLayout.IsSidecar);
                }
            }
        }
        foreach (var service in ExternalServices(workload))
        {
            Add(null, ServiceEgress(service));
        }

        var rule = new V1NetworkPolicyIngressRule
        {
            Ports = [new V1NetworkPolicyPort { Port = workload.Port, Protocol = "TCP" }],
            FromProperty = workload.IsPublic ? null : [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(app.Gateway.Name) } }],
        };
        return new HelmManifest($"{folder}/networkpolicy.yaml", Policy(workload.Name, [rule], egress), patches, HelmValuePaths.NetworkPolicyEnabled);
    }

    /// <summary>A demo provider: its port open to all (browsers log in through the Ingress), out only to DNS.</summary>
    public static HelmManifest Build(DemoIdentityProvider demo)
    {
        var patches = new List<HelmPatch>();
        var rule = new V1NetworkPolicyIngressRule { Ports = [new V1NetworkPolicyPort { Port = DemoIdentityProvider.HttpPort, Protocol = "TCP" }] };
        return new HelmManifest($"templates/{demo.Name}/networkpolicy.yaml", Policy(demo.Name, [rule], [Dns(patches, 0)]), patches,
            $"and ({demo.Enabled}) ({HelmValuePaths.NetworkPolicyEnabled})");
    }

    private static V1NetworkPolicy Policy(string name, List<V1NetworkPolicyIngressRule> ingress, List<V1NetworkPolicyEgressRule> egress) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = HelmNames.Object(name), Labels = HelmNames.Labels(name) },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(name) },
            PolicyTypes = ["Ingress", "Egress"],
            Ingress = ingress,
            Egress = egress,
        },
    };

    /// <summary>DNS (UDP and TCP 53) to the peers of <c>networkPolicy.egress.dns.to</c> (the cluster's DNS by default).</summary>
    private static V1NetworkPolicyEgressRule Dns(List<HelmPatch> patches, int index)
    {
        patches.Add(new HelmPatch($"spec.egress[{index}].to", "{{ toJson .Values.networkPolicy.egress.dns.to }}"));
        return new V1NetworkPolicyEgressRule
        {
            Ports = [new V1NetworkPolicyPort { Port = 53, Protocol = "UDP" }, new V1NetworkPolicyPort { Port = 53, Protocol = "TCP" }],
        };
    }

    private static V1NetworkPolicyEgressRule ToPods(string name, int port) => new()
    {
        To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = HelmNames.Selector(name) } }],
        Ports = [new V1NetworkPolicyPort { Port = port, Protocol = "TCP" }],
    };

    private static IEnumerable<string> ExternalServices(ChartWorkload workload) =>
        workload.Settings.Where(s => s.Kind == ChartSettingKind.ExternalServiceUrl).Select(s => s.Target!).Distinct(StringComparer.Ordinal);

    private static string ServiceEgress(string service)
    {
        var key = HelmNames.ValuesKey(service);
        return ServiceEgress(HelmValuePaths.Service(service), $"networkPolicy.egress.services.{key}",
            $"(index (.Values.networkPolicy.egress.services | default dict) \"{key}\" | default dict)");
    }

    /// <summary>A rule to the host of the URL at <paramref name="urlPath"/>: peers from values, else derived from a Service URL, else Helm stops naming <paramref name="key"/>.</summary>
    private static string ServiceEgress(string urlPath, string key, string given) =>
        $"{{{{ include \"mcpsecure.egressToUrl\" (dict \"url\" {urlPath} \"key\" \"{key}\" \"to\" {given}.to \"ports\" {given}.ports \"derive\" true) }}}}";

    /// <summary>A rule the chart writes whole, as JSON (a YAML flow mapping); the release name stays a Helm expression.</summary>
    private static string Json(V1NetworkPolicyEgressRule rule) => KubernetesJson.Serialize(rule);
}
