using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.Publishing;

namespace McpSecure.UnitTests.AppHost.Publishing;

public sealed class AppModelReaderTests
{
#if (!ExcludePrometheusServer)
    [Fact]
    public async Task The_prometheus_app_deploys_the_gateway_and_the_prometheus_mcp_server_and_points_at_the_organisations_prometheus()
    {
        var app = await PublishedApps.PrometheusAsync();

        Assert.Equal(["gateway", "prometheus-mcp"], app.Workloads.Select(w => w.Name));
        Assert.Equal("gateway", app.Gateway.Name);
        // Keycloak, Prometheus and the dashboard entry are the development infrastructure, not workloads of the chart.
        Assert.Equal(["prometheus"], app.ExternalServices);
        var upstream = Assert.Single(app.Gateway.Settings, s => s.Key == "Gateway__UpstreamUrl");
        Assert.Equal((ChartSettingKind.Upstream, "prometheus-mcp", ""), (upstream.Kind, upstream.Target, upstream.Value));
        Assert.Equal(ChartSettingKind.ExternalServiceUrl,
            Assert.Single(app.Workloads[1].Settings, s => s.Key == "services__prometheus__http__0").Kind);
        Assert.Equal(("mcpsecure-prometheus-mcp", "latest", 8080, true), (app.Workloads[1].ImageRepository, app.Workloads[1].ImageTag, app.Workloads[1].Port, app.Workloads[1].IsProject));
    }

#endif

    [Fact]
    public async Task The_identity_forwarding_key_is_one_generated_secret_shared_by_gateway_and_mcp_server()
    {
        var app = await PublishedApps.TheAppAsync();

        var secret = Assert.Single(app.Secrets);
        Assert.Equal(("gateway-identity-key", 48), (secret.Name, secret.GeneratedLength));
        Assert.Equal(secret, Assert.Single(app.Gateway.Settings, s => s.Key == "Gateway__IdentityForwarding__SigningKey").Secret);
#if (ExcludeBlankServer && ExcludePrometheusServer)
        // Someone else's image is not told the key (it would not read it).
        Assert.Single(app.Workloads.SelectMany(w => w.Settings), s => s.Kind == ChartSettingKind.Secret);
#else
        Assert.Equal(secret, Assert.Single(app.Workloads[1].Settings, s => s.Key == "GatewayIdentity__SigningKey").Secret);
#endif
        Assert.DoesNotContain(app.Workloads.SelectMany(w => w.Settings), s => s.Kind == ChartSettingKind.Config && s.Key.Contains("SigningKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateway_takes_its_public_url_issuer_and_client_from_values_and_leaves_the_development_origins_out()
    {
        var app = await PublishedApps.TheAppAsync();

        var kinds = app.Gateway.Settings.ToDictionary(s => s.Key, s => s.Kind);
        Assert.Equal(ChartSettingKind.PublicBaseUrl, kinds["Gateway__PublicBaseUrl"]);
        Assert.Equal(ChartSettingKind.Issuer, kinds["Gateway__AuthorizationServer__Issuer"]);
        Assert.Equal(ChartSettingKind.PublicClientId, kinds["Gateway__ClientRegistration__ClientId"]);
        Assert.DoesNotContain(app.Gateway.Settings, s => s.Key.StartsWith("Gateway__AllowedOrigins", StringComparison.Ordinal));
        Assert.Contains(app.Notes, n => n.Contains("Gateway__AllowedOrigins__0", StringComparison.Ordinal) && n.Contains("development URL", StringComparison.Ordinal));
    }

#if (!ExcludeBlankServer)

    [Fact]
    public async Task The_blank_app_deploys_your_own_mcp_server_and_needs_no_outside_service()
    {
        var app = await PublishedApps.BlankAsync();

        Assert.Equal(["gateway", "mcp-server"], app.Workloads.Select(w => w.Name));
        Assert.Empty(app.ExternalServices);
        Assert.Equal("mcpsecure-mcp-server", app.Workloads[1].ImageRepository);
        Assert.Equal("mcp-server", Assert.Single(app.Gateway.Settings, s => s.Kind == ChartSettingKind.Upstream).Target);
    }

#endif
#if (!ExcludeExternalServer)

    [Fact]
    public async Task An_upstream_outside_the_app_deploys_only_the_gateway_proxying_to_the_url()
    {
        var app = await PublishedApps.ExternalAsync(new UpstreamOptions { Url = "https://mcp.internal.example/mcp" });

        Assert.Equal("gateway", Assert.Single(app.Workloads).Name);
        Assert.Empty(app.Internal);
        Assert.Equal("https://mcp.internal.example/mcp", app.UpstreamUrl);
        Assert.Null(Assert.Single(app.Gateway.Settings, s => s.Kind == ChartSettingKind.Upstream).Target);
    }

    [Fact]
    public async Task An_upstream_image_becomes_a_workload_with_its_image_port_and_arguments()
    {
        var app = await PublishedApps.ExternalAsync(new UpstreamOptions
        {
            Image = "docker.io/mcp/everything:2026.8", Arguments = ["streamableHttp"], ContainerPort = 3001, PortVariable = "PORT",
        });

        var server = Assert.Single(app.Internal);
        Assert.Equal(("mcp-server", 3001, false), (server.Name, server.Port, server.IsProject));
        Assert.Equal(["streamableHttp"], server.Arguments);
        Assert.Equal(("docker.io/mcp/everything", "2026.8"), (server.ImageRepository, server.ImageTag));
        Assert.Equal("3001", Assert.Single(server.Settings, s => s.Key == "PORT").Value);
        var upstream = Assert.Single(app.Gateway.Settings, s => s.Kind == ChartSettingKind.Upstream);
        Assert.Equal(("mcp-server", "/mcp"), (upstream.Target, upstream.Value));
    }
#endif
}
