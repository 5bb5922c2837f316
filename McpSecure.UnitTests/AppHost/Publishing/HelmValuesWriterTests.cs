using McpSecure.AppHost.Publishing;
using YamlDotNet.RepresentationModel;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class HelmValuesWriterTests
{
    private static YamlMappingNode Values(ChartApplication app)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(HelmValuesWriter.Write(app)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    [Fact]
    public async Task Values_carry_parameters_config_and_secrets_per_resource_like_the_official_publisher()
    {
        var values = Values(await PublishedApps.TheAppAsync());

        Assert.Equal("mcpsecure-gateway", At(values, "parameters", "gateway", "image", "repository").ToString());
        Assert.NotEmpty(At(values, "parameters", PublishedApps.McpServerValuesKey, "image", "repository").ToString());
        Assert.Equal("1654", At(values, "parameters", "gateway", "runAsUser").ToString());
        Assert.Equal("true", At(values, "config", "gateway", "ASPNETCORE_FORWARDEDHEADERS_ENABLED").ToString());
        Assert.Equal("", At(values, "secrets", "gateway_identity_key", "value").ToString());
#if (!ExcludePrometheusServer)
        Assert.Equal("", At(values, "services", "prometheus", "url").ToString());
#endif
        Assert.Equal("ingress", At(values, "exposure", "type").ToString());
    }

    [Fact]
    public async Task The_organisations_provider_and_the_public_url_are_values_with_no_development_default()
    {
        var values = Values(await PublishedApps.TheAppAsync());

        Assert.Equal("", At(values, "gateway", "publicBaseUrl").ToString());
        foreach (var key in new[] { "issuer", "audience", "publicClientId", "metadataAddress" })
        {
            Assert.Equal("", At(values, "authorizationServer", key).ToString());
        }
        var settings = HelmValuesWriter.Write(await PublishedApps.TheAppAsync()).Split('\n').Where(l => !l.StartsWith('#'));
        Assert.DoesNotContain(settings, l => l.Contains("localhost", StringComparison.Ordinal));
    }

#if (!ExcludeExternalServer)

    [Fact]
    public async Task An_upstream_outside_the_app_is_a_value_defaulting_to_the_configured_url()
    {
        var values = Values(await PublishedApps.ExternalAsync(new() { Url = "https://mcp.internal.example/mcp" }));

        Assert.Equal("https://mcp.internal.example/mcp", At(values, "upstream", "url").ToString());
        Assert.False(((YamlMappingNode)values).Children.ContainsKey(new YamlScalarNode("services")));
    }
#endif
}
