using k8s.Models;
using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class NetworkPolicyManifestsTests
{
    private static async Task<HelmManifest> PolicyAsync(string workload)
    {
        var app = await PublishedApps.TheAppAsync();
        return HelmChartBuilder.Manifests(app).Single(m => m.Path == $"templates/{workload}/networkpolicy.yaml");
    }

    private static Dictionary<string, HelmPatch> Rules(HelmManifest policy) =>
        policy.Patches.Where(p => p.Path.StartsWith("spec.egress[", StringComparison.Ordinal)).ToDictionary(p => p.Path);

    [Fact]
    public async Task Every_pod_denies_egress_but_dns_and_what_it_needs()
    {
        foreach (var workload in new[] { "gateway", PublishedApps.McpServer, "keycloak", "identity" })
        {
            var policy = await PolicyAsync(workload);
            var spec = ((V1NetworkPolicy)policy.Resource).Spec;

            Assert.Equal(["Ingress", "Egress"], spec.PolicyTypes);
            var dns = spec.Egress[0];
            Assert.Equal([(53, "UDP"), (53, "TCP")], dns.Ports.Select(p => (int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture), p.Protocol)));
            Assert.Equal("{{ toJson .Values.networkPolicy.egress.dns.to }}", Rules(policy)["spec.egress[0].to"].Expression);
        }
    }

    [Fact]
    public async Task The_gateway_reaches_the_issuer_from_values_the_mcp_server_and_a_demo_provider_only_when_on()
    {
        var rules = Rules(await PolicyAsync("gateway")).Values.Where(p => !p.Path.EndsWith(".to", StringComparison.Ordinal)).ToList();

        var issuer = Assert.Single(rules, r => r.Expression.Contains("mcpsecure.issuer", StringComparison.Ordinal));
        Assert.Contains(".Values.networkPolicy.egress.issuer.to", issuer.Expression, StringComparison.Ordinal);
        Assert.Contains("\"derive\" false", issuer.Expression, StringComparison.Ordinal);
        Assert.Null(issuer.Condition);
        foreach (var demo in new[] { "keycloak", "identity" })
        {
            var rule = Assert.Single(rules, r => r.Expression.Contains($"\"app.kubernetes.io/name\":\"{demo}\"", StringComparison.Ordinal));
            Assert.Equal($".Values.{demo}.enabled", rule.Condition);
            Assert.Contains("\"port\":8080", rule.Expression, StringComparison.Ordinal);
        }
        // Every variant runs an MCP server in the chart here (the external one as an image).
        var server = Assert.Single(rules, r => r.Expression.Contains($"\"app.kubernetes.io/name\":\"{PublishedApps.McpServer}\"", StringComparison.Ordinal));
        Assert.Equal(PodLayout.IsSeparate, server.Condition);
    }
#if (!ExcludePrometheusServer)

    [Fact]
    public async Task The_mcp_server_reaches_prometheus_derived_from_its_service_url_or_from_values_and_so_does_its_sidecar_pod()
    {
        var server = Rules(await PolicyAsync(PublishedApps.McpServer));

        var prometheus = Assert.Single(server.Values, r => r.Expression.Contains("mcpsecure.egressToUrl", StringComparison.Ordinal));
        Assert.Contains("(index .Values.services \"prometheus\" \"url\")", prometheus.Expression, StringComparison.Ordinal);
        Assert.Contains("\"key\" \"networkPolicy.egress.services.prometheus\"", prometheus.Expression, StringComparison.Ordinal);
        Assert.Contains("\"derive\" true", prometheus.Expression, StringComparison.Ordinal);
        Assert.Equal(2, ((V1NetworkPolicy)(await PolicyAsync(PublishedApps.McpServer)).Resource).Spec.Egress.Count);

        var sidecar = Assert.Single(Rules(await PolicyAsync("gateway")).Values, r => r.Expression.Contains("\"prometheus\" \"url\"", StringComparison.Ordinal));
        Assert.Equal(PodLayout.IsSidecar, sidecar.Condition);
    }
#endif

    [Fact]
    public void The_url_rule_derives_peers_only_from_service_urls_and_names_the_value_otherwise()
    {
        var helpers = HelmChartFiles.IssuerHelpers(new ChartApplication([], [], [], null, [], []));

        Assert.Contains("{{- define \"mcpsecure.egressToUrl\" -}}", helpers, StringComparison.Ordinal);
        Assert.Contains("\"kubernetes.io/metadata.name\" (index $labels 1)", helpers, StringComparison.Ordinal);
        Assert.Contains("fail (printf \"%s.to is required: the chart cannot tell where %s is", helpers, StringComparison.Ordinal);
    }
}
