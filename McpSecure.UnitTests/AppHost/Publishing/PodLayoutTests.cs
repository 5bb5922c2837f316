using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class PodLayoutTests
{
    private static ChartApplication App(int serverPort, bool serverIsProject)
    {
        var gateway = new ChartWorkload("gateway", "mcpsecure-gateway", "latest", HelmNames.ProjectPort, true, true,
            [new ChartSetting("Gateway__UpstreamUrl", ChartSettingKind.Upstream, "/mcp", "mcp-server")], []);
        var server = new ChartWorkload("mcp-server", "docker.io/acme/mcp", "1", serverPort, serverIsProject, false, [], []);
        return new ChartApplication([gateway, server], [], [], null, [], []);
    }

    [Fact]
    public void An_image_on_the_gateways_port_cannot_be_its_sidecar_and_asking_for_it_stops_the_render_with_the_reason()
    {
        var app = App(HelmNames.ProjectPort, serverIsProject: false);

        var conflict = PodLayout.Conflict(app);
        Assert.NotNull(conflict);
        Assert.Contains("mcp-server listens on port 8080, the gateway's port", conflict, StringComparison.Ordinal);
        Assert.False(PodLayout.Applies(app));
        var files = HelmChartBuilder.Build(app, "1.0.0");
        Assert.DoesNotContain(files, f => f.Path.EndsWith("deployment-sidecar.yaml", StringComparison.Ordinal));
        var guard = Assert.Single(files, f => f.Path == "templates/layout-check.yaml").Content;
        Assert.StartsWith("{{- if eq (.Values.layout | default \"separate\") \"sidecar\" }}\n{{- fail \"layout: sidecar is not possible: mcp-server listens on port 8080", guard, StringComparison.Ordinal);
        Assert.DoesNotContain("\nlayout:", files.Single(f => f.Path == "values.yaml").Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3001, false)]
    [InlineData(HelmNames.ProjectPort, true)]
    public void A_server_on_a_port_of_its_own_or_one_of_ours_moved_to_the_next_port_can_be_the_sidecar(int port, bool project)
    {
        var app = App(port, project);

        Assert.Null(PodLayout.Conflict(app));
        Assert.True(PodLayout.Applies(app));
        Assert.NotEqual(HelmNames.ProjectPort, PodLayout.SidecarPort(app.Internal.Single()));
        var files = HelmChartBuilder.Build(app, "1.0.0");
        Assert.DoesNotContain(files, f => f.Path == "templates/layout-check.yaml");
        Assert.Contains(files, f => f.Path == "templates/gateway/deployment-sidecar.yaml");
    }
}
