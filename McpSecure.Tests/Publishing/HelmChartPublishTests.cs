using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using static McpSecure.Tests.Publishing.ChartObjects;

namespace McpSecure.Tests.Publishing;

/// <summary>
/// <c>aspire publish</c> of the real AppHost writes a Helm chart that lints, renders with the default and with an
/// organisation's values, validates against the Kubernetes schemas, and is hardened as the issue asks.
/// </summary>
[Trait("Category", "Publishing")]
public sealed class HelmChartPublishTests(PublishedChartFixture chart) : IClassFixture<PublishedChartFixture>
{
    private const string PublicBaseUrl = ChartValues.PublicBaseUrl;
    private const string Issuer = "https://login.acme.test/realms/acme";
    private const string IdentityKey = "test-only-identity-key-0123456789-abcdefghijklmnop";

    /// <summary>What an installation must give: the public URL, the organisation's issuer, its Prometheus.</summary>
    private const string RequiredValues = $"""
        {ChartValues.GatewayAndPrometheus}
        authorizationServer:
          issuer: {Issuer}
        """;

    /// <summary>An organisation's installation: its provider with a fixed audience, TLS, fixed replicas, its registry, its key.</summary>
    private const string OrganisationValues = $"""
        {ChartValues.GatewayAndPrometheus}
        authorizationServer:
          issuer: {Issuer}
          audience: acme-mcp
        exposure:
          type: ingress
          tls:
            secretName: mcp-acme-test-tls
          ingress:
            className: nginx
            annotations:
              nginx.ingress.kubernetes.io/proxy-buffering: "off"
        parameters:
          gateway:
            replicas: 3
            autoscaling:
              enabled: false
          prometheus_mcp:
            image:
              repository: registry.acme.test/mcpsecure-prometheus-mcp
              tag: 1.2.3
        secrets:
          gateway_identity_key:
            value: {IdentityKey}
        """;

    private string Chart => chart.ChartDirectory;

    [Fact]
    public void Publish_writes_the_chart_shaped_like_the_official_publishers()
    {
        Assert.True(chart.Publish.ExitCode == 0, $"publish failed: {chart.Publish}");
        Assert.True(chart.PublishDuration < TimeSpan.FromSeconds(90), $"publish took {chart.PublishDuration}");
        foreach (var file in new[] { "Chart.yaml", "values.yaml", "templates/_helpers.tpl", "templates/gateway/deployment.yaml",
                     "templates/gateway/service.yaml", "templates/gateway/config.yaml", "templates/gateway/ingress.yaml",
                     "templates/gateway/httproute.yaml", "templates/prometheus-mcp/deployment.yaml", "templates/prometheus-mcp/networkpolicy.yaml",
                     "templates/secrets/gateway-identity-key.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(Chart, file)), $"{file} is missing from {Chart}");
        }
        // The development infrastructure is not deployed: the organisation's provider and Prometheus are values. The
        // identity providers are there only as demo switches, off by default, with the realm the AppHost imports.
        Assert.False(Directory.Exists(Path.Combine(Chart, "templates", "prometheus")));
        foreach (var demo in new[] { "keycloak", "identity" })
        {
            Assert.StartsWith($"{{{{- if .Values.{demo}.enabled }}}}", File.ReadAllText(Path.Combine(Chart, "templates", demo, "deployment.yaml")), StringComparison.Ordinal);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryTools.Root, "McpSecure.AppHost", "Realm", "mcpsecure-realm.json")),
            File.ReadAllText(Path.Combine(Chart, "files", "mcpsecure-realm.json")));
        // No secret is printed by the publish.
        Assert.DoesNotContain("SigningKey=", chart.Publish.StandardOutput + chart.Publish.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helm_lints_the_chart()
    {
        var lint = await HelmTools.RunHelmAsync("lint", Chart, "--strict", "--set", $"gateway.publicBaseUrl={PublicBaseUrl}",
            "--set", $"authorizationServer.issuer={Issuer}", "--set", "services.prometheus.url=http://prometheus:9090");

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Contains("0 chart(s) failed", lint.StandardOutput, StringComparison.Ordinal);

        // And the demo cluster's switches.
        var demo = await HelmTools.RunHelmAsync("lint", Chart, "--strict", "--set", $"gateway.publicBaseUrl={PublicBaseUrl}",
            "--set", "keycloak.enabled=true", "--set", "keycloak.publicBaseUrl=https://login.acme.test", "--set", "layout=sidecar",
            "--set", "services.prometheus.url=http://prometheus:9090");
        Assert.True(demo.ExitCode == 0, demo.ToString());
    }

    [Fact]
    public async Task Without_the_public_url_or_the_issuer_helm_stops_naming_the_value_to_set()
    {
        var noUrl = await HelmTools.RunHelmAsync("template", "mcp", Chart, "--set", $"authorizationServer.issuer={Issuer}", "--set", "services.prometheus.url=http://p:9090");
        var noIssuer = await HelmTools.RunHelmAsync("template", "mcp", Chart, "--set", $"gateway.publicBaseUrl={PublicBaseUrl}", "--set", "services.prometheus.url=http://p:9090");

        Assert.NotEqual(0, noUrl.ExitCode);
        Assert.Contains("gateway.publicBaseUrl is required", noUrl.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, noIssuer.ExitCode);
        Assert.Contains("authorizationServer.issuer is required", noIssuer.StandardError, StringComparison.Ordinal);

        // A demo provider needs its public URL, and only one may be on.
        var required = new[] { "--set", $"gateway.publicBaseUrl={PublicBaseUrl}", "--set", "services.prometheus.url=http://p:9090" };
        var noDemoUrl = await HelmTools.RunHelmAsync(["template", "mcp", Chart, .. required, "--set", "keycloak.enabled=true"]);
        var both = await HelmTools.RunHelmAsync(["template", "mcp", Chart, .. required, "--set", "keycloak.enabled=true", "--set", "identity.enabled=true",
            "--set", "keycloak.publicBaseUrl=https://login.acme.test", "--set", "identity.publicBaseUrl=https://login.acme.test"]);
        Assert.Contains("keycloak.publicBaseUrl is required when keycloak.enabled", noDemoUrl.StandardError, StringComparison.Ordinal);
        Assert.Contains("keycloak.enabled and identity.enabled are both true", both.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_values_render_valid_hardened_objects()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues);

        Assert.Equal(["mcp-gateway", "mcp-prometheus-mcp"], rendered.OfKind("Deployment").Select(Name).Order());
        rendered.AssertHardened();
        // Autoscaled and protected against voluntary disruption by default.
        Assert.Equal(2, rendered.OfKind("HorizontalPodAutoscaler").Count());
        Assert.Equal(2, rendered.OfKind("PodDisruptionBudget").Count());
        Assert.All(rendered.OfKind("Deployment"), d => Assert.False(d.GetProperty("spec").TryGetProperty("replicas", out _)));
        Assert.Single(rendered.OfKind("Ingress"));
        Assert.Empty(rendered.OfKind("HTTPRoute"));
    }

    [Fact]
    public async Task The_organisations_values_reach_the_rendered_configuration()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, OrganisationValues);
        rendered.AssertHardened();

        var config = rendered.Single("ConfigMap", "mcp-gateway-config").GetProperty("data");
        Assert.Equal(PublicBaseUrl, config.GetProperty("Gateway__PublicBaseUrl").GetString());
        Assert.Equal(Issuer, config.GetProperty("Gateway__AuthorizationServer__Issuer").GetString());
        Assert.Equal("acme-mcp", config.GetProperty("Gateway__AuthorizationServer__AdditionalAudiences__0").GetString());
        Assert.False(config.TryGetProperty("Gateway__ClientRegistration__ClientId", out _), "The gateway must not hand out a shared client id.");
        Assert.Equal("http://mcp-prometheus-mcp:8080", config.GetProperty("Gateway__UpstreamUrl").GetString());
        Assert.Equal("http://prometheus.monitoring.svc:9090",
            rendered.Single("ConfigMap", "mcp-prometheus-mcp-config").GetProperty("data").GetProperty("services__prometheus__http__0").GetString());

        var ingress = rendered.Single("Ingress", "mcp-gateway").GetProperty("spec");
        Assert.Equal("nginx", ingress.GetProperty("ingressClassName").GetString());
        Assert.Equal("mcp.acme.test", ingress.GetProperty("rules")[0].GetProperty("host").GetString());
        Assert.Equal("mcp-acme-test-tls", ingress.GetProperty("tls")[0].GetProperty("secretName").GetString());
        Assert.Equal("mcp.acme.test", ingress.GetProperty("tls")[0].GetProperty("hosts")[0].GetString());

        Assert.Equal(3, rendered.Single("Deployment", "mcp-gateway").GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.DoesNotContain(rendered.OfKind("HorizontalPodAutoscaler"), h => Name(h) == "mcp-gateway");
        Assert.Equal("registry.acme.test/mcpsecure-prometheus-mcp:1.2.3", Containers(rendered.Single("Deployment", "mcp-prometheus-mcp")).Single().GetProperty("image").GetString());
    }

    [Fact]
    public async Task The_identity_key_is_one_secret_and_appears_in_no_config_map_or_deployment()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, OrganisationValues);

        var secret = Assert.Single(rendered.OfKind("Secret"));
        Assert.Equal(IdentityKey, Encoding.UTF8.GetString(Convert.FromBase64String(secret.GetProperty("data").GetProperty("value").GetString()!)));
        foreach (var holder in rendered.OfKind("ConfigMap").Concat(rendered.OfKind("Deployment")))
        {
            var text = holder.GetRawText();
            Assert.DoesNotContain(IdentityKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(RenderedChart.Base64(IdentityKey), text, StringComparison.Ordinal);
        }
        // Both sides read it from that Secret.
        foreach (var deployment in rendered.OfKind("Deployment"))
        {
            var reference = Assert.Single(Containers(deployment).Single().GetProperty("env").EnumerateArray()).GetProperty("valueFrom").GetProperty("secretKeyRef");
            Assert.Equal((Name(secret), "value"), (reference.GetProperty("name").GetString(), reference.GetProperty("key").GetString()));
        }

        // Not given: generated at install (48 characters, as the app model generates it), never in values.yaml.
        var generated = Assert.Single((await RenderedChart.RenderAsync(Chart, RequiredValues)).OfKind("Secret"));
        var key = Encoding.UTF8.GetString(Convert.FromBase64String(generated.GetProperty("data").GetProperty("value").GetString()!));
        Assert.Equal(48, key.Length);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(Path.Combine(Chart, "values.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_secret_is_referenced_instead_of_one_the_chart_makes()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues + """

            secrets:
              gateway_identity_key:
                existingSecret: acme-identity-forwarding
            """);

        Assert.Empty(rendered.OfKind("Secret"));
        Assert.All(rendered.OfKind("Deployment"), d => Assert.Equal("acme-identity-forwarding",
            Containers(d).Single().GetProperty("env")[0].GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Only_the_gateway_is_reachable_from_outside_and_only_the_gateway_reaches_the_mcp_server()
    {
        foreach (var exposure in new[] { "ingress", "httpRoute" })
        {
            var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues + $$"""

                exposure:
                  type: {{exposure}}
                  httpRoute:
                    parentRefs:
                    - name: public
                      namespace: gateways
                """);

            Assert.All(rendered.OfKind("Service"), s => Assert.Equal("ClusterIP", s.GetProperty("spec").GetProperty("type").GetString()));
            var backends = rendered.OfKind("Ingress").SelectMany(i => i.GetProperty("spec").GetProperty("rules").EnumerateArray())
                .SelectMany(r => r.GetProperty("http").GetProperty("paths").EnumerateArray()).Select(p => p.GetProperty("backend").GetProperty("service").GetProperty("name").GetString())
                .Concat(rendered.OfKind("HTTPRoute").SelectMany(r => r.GetProperty("spec").GetProperty("rules").EnumerateArray())
                    .SelectMany(r => r.GetProperty("backendRefs").EnumerateArray()).Select(b => b.GetProperty("name").GetString()))
                .ToList();
            Assert.Equal(["mcp-gateway"], backends);
            if (exposure == "httpRoute")
            {
                var route = rendered.Single("HTTPRoute", "mcp-gateway").GetProperty("spec");
                Assert.Equal("gateways", route.GetProperty("parentRefs")[0].GetProperty("namespace").GetString());
                Assert.Equal("mcp.acme.test", route.GetProperty("hostnames")[0].GetString());
                Assert.Empty(rendered.OfKind("Ingress"));
            }

            var server = rendered.Single("NetworkPolicy", "mcp-prometheus-mcp").GetProperty("spec");
            Assert.Equal("prometheus-mcp", server.GetProperty("podSelector").GetProperty("matchLabels").GetProperty("app.kubernetes.io/name").GetString());
            var from = Assert.Single(Assert.Single(server.GetProperty("ingress").EnumerateArray()).GetProperty("from").EnumerateArray());
            Assert.Equal(["podSelector"], from.EnumerateObject().Select(p => p.Name));
            var selector = from.GetProperty("podSelector").GetProperty("matchLabels");
            Assert.Equal(("gateway", "mcp"), (selector.GetProperty("app.kubernetes.io/name").GetString(), selector.GetProperty("app.kubernetes.io/instance").GetString()));
            // The selector matches the gateway's pods and no other.
            var gatewayPods = rendered.Single("Deployment", "mcp-gateway").GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
            Assert.All(selector.EnumerateObject(), l => Assert.Equal(l.Value.GetString(), gatewayPods.GetProperty(l.Name).GetString()));
            var serverPods = rendered.Single("Deployment", "mcp-prometheus-mcp").GetProperty("spec").GetProperty("template").GetProperty("metadata").GetProperty("labels");
            Assert.NotEqual(selector.GetProperty("app.kubernetes.io/name").GetString(), serverPods.GetProperty("app.kubernetes.io/name").GetString());
        }
    }

    [Fact]
    public async Task The_sidecar_layout_renders_one_hardened_pod_reaching_the_mcp_server_over_localhost()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues + "\nlayout: sidecar\n");
        rendered.AssertHardened();

        var deployment = Assert.Single(rendered.OfKind("Deployment"));
        Assert.Equal("mcp-gateway", Name(deployment));
        var ports = Containers(deployment).ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("ports")[0].GetProperty("containerPort").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["gateway"] = 8080, ["prometheus-mcp"] = 8081 }, ports);
        Assert.Equal("http://localhost:8081", rendered.Single("ConfigMap", "mcp-gateway-config").GetProperty("data").GetProperty("Gateway__UpstreamUrl").GetString());
        Assert.Equal("8081", rendered.Single("ConfigMap", "mcp-prometheus-mcp-config").GetProperty("data").GetProperty("ASPNETCORE_HTTP_PORTS").GetString());
        // Nothing of the MCP server's is reachable over the network: no Service, no policy to open.
        Assert.Equal(["mcp-gateway"], rendered.OfKind("Service").Select(Name));
        Assert.Equal(["mcp-gateway"], rendered.OfKind("NetworkPolicy").Select(Name));
    }

    /// <summary>A self-contained demo cluster: Keycloak on (no issuer given), the sidecar layout, its own host and TLS, fixed replicas.</summary>
    private const string DemoValues = $"""
        {ChartValues.GatewayAndPrometheus}
        layout: sidecar
        keycloak:
          enabled: true
          publicBaseUrl: https://login.acme.test
          tls:
            secretName: login-acme-test-tls
        exposure:
          tls:
            secretName: mcp-acme-test-tls
        networkPolicy:
          egress:
            issuer:
              to:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: ingress-nginx
        parameters:
          gateway:
            replicas: 3
            autoscaling:
              enabled: false
        secrets:
          keycloak_admin_password:
            value: {KeycloakAdminPassword}
        """;

    private const string KeycloakAdminPassword = "test-only-keycloak-admin-0123456789";

    [Fact]
    public async Task A_demo_cluster_runs_keycloak_hardened_with_the_realm_and_the_gateway_trusts_and_reaches_it()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, DemoValues);
        rendered.AssertHardened();

        Assert.Equal(["mcp-gateway", "mcp-keycloak"], rendered.OfKind("Deployment").Select(Name).Order());
        var gateway = rendered.Single("ConfigMap", "mcp-gateway-config").GetProperty("data");
        Assert.Equal("https://login.acme.test/realms/mcpsecure", gateway.GetProperty("Gateway__AuthorizationServer__Issuer").GetString());
        Assert.Equal(PublicBaseUrl, gateway.GetProperty("Gateway__PublicBaseUrl").GetString());
        Assert.Equal(3, rendered.Single("Deployment", "mcp-gateway").GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.Equal(2, Containers(rendered.Single("Deployment", "mcp-gateway")).Count());

        var keycloak = rendered.Single("ConfigMap", "mcp-keycloak-config").GetProperty("data");
        Assert.Equal("https://login.acme.test", keycloak.GetProperty("KC_HOSTNAME").GetString());
        Assert.Equal($"{PublicBaseUrl}/mcp", keycloak.GetProperty("MCPSECURE_RESOURCE").GetString());
        var realm = rendered.Single("ConfigMap", "mcp-keycloak-realm").GetProperty("data").GetProperty("realm").GetString();
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryTools.Root, "McpSecure.AppHost", "Realm", "mcpsecure-realm.json")), realm);
        var pod = rendered.Single("Deployment", "mcp-keycloak").GetProperty("spec").GetProperty("template").GetProperty("spec");
        var container = Containers(rendered.Single("Deployment", "mcp-keycloak")).Single();
        Assert.Equal(["start", "--import-realm"], container.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        var import = pod.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "realm").GetProperty("configMap");
        Assert.Equal(("mcp-keycloak-realm", "mcpsecure-realm.json"), (import.GetProperty("name").GetString(), import.GetProperty("items")[0].GetProperty("path").GetString()));

        // Exposed on its own host, with its own certificate; the gateway is exposed as before.
        var ingress = rendered.Single("Ingress", "mcp-keycloak").GetProperty("spec");
        Assert.Equal("login.acme.test", ingress.GetProperty("rules")[0].GetProperty("host").GetString());
        Assert.Equal("login-acme-test-tls", ingress.GetProperty("tls")[0].GetProperty("secretName").GetString());
        Assert.Equal("mcp-keycloak", ingress.GetProperty("rules")[0].GetProperty("http").GetProperty("paths")[0].GetProperty("backend").GetProperty("service").GetProperty("name").GetString());
        Assert.Equal("mcp-acme-test-tls", rendered.Single("Ingress", "mcp-gateway").GetProperty("spec").GetProperty("tls")[0].GetProperty("secretName").GetString());

        // The gateway reaches it (the issuer's peers from values, and its pods); in the sidecar pod, Prometheus too.
        var egress = Egress(rendered, "mcp-gateway");
        Assert.Contains(egress, r => PeerNamespace(r) == "ingress-nginx" && Ports(r).SequenceEqual([443]));
        Assert.Contains(egress, r => PodName(r) == "keycloak" && Ports(r).SequenceEqual([8080]));
        Assert.Contains(egress, r => PeerNamespace(r) == "monitoring" && Ports(r).SequenceEqual([9090]));
        Assert.DoesNotContain(egress, r => PodName(r) == "prometheus-mcp");
        Assert.True(Egress(rendered, "mcp-keycloak").All(r => Ports(r).All(p => p == 53)), "Keycloak may reach DNS only");

        // Its admin password is a Secret, referenced, never in a ConfigMap or Deployment.
        Assert.Equal(KeycloakAdminPassword, Encoding.UTF8.GetString(Convert.FromBase64String(
            rendered.Single("Secret", "mcp-keycloak-admin-password").GetProperty("data").GetProperty("value").GetString()!)));
        Assert.Equal("mcp-keycloak-admin-password", container.GetProperty("env")[0].GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString());
        foreach (var holder in rendered.OfKind("ConfigMap").Concat(rendered.OfKind("Deployment")))
        {
            Assert.DoesNotContain(KeycloakAdminPassword, holder.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(RenderedChart.Base64(KeycloakAdminPassword), holder.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_demo_cluster_can_run_mcpsecure_identity_instead_its_data_in_an_emptydir()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, $"""
            {ChartValues.GatewayAndPrometheus}
            identity:
              enabled: true
              publicBaseUrl: https://login.acme.test
            """);
        rendered.AssertHardened();

        Assert.Equal(["mcp-gateway", "mcp-identity", "mcp-prometheus-mcp"], rendered.OfKind("Deployment").Select(Name).Order());
        // OpenIddict's issuer has its trailing slash; the gateway trusts exactly that.
        Assert.Equal("https://login.acme.test/", rendered.Single("ConfigMap", "mcp-gateway-config").GetProperty("data").GetProperty("Gateway__AuthorizationServer__Issuer").GetString());
        var identity = rendered.Single("ConfigMap", "mcp-identity-config").GetProperty("data");
        Assert.Equal(("https://login.acme.test/", $"{PublicBaseUrl}/mcp"), (identity.GetProperty("Identity__Issuer").GetString(), identity.GetProperty("Identity__Resources__0").GetString()));
        var pod = rendered.Single("Deployment", "mcp-identity").GetProperty("spec").GetProperty("template").GetProperty("spec");
        var data = Containers(rendered.Single("Deployment", "mcp-identity")).Single().GetProperty("volumeMounts").EnumerateArray()
            .Single(m => m.GetProperty("mountPath").GetString() == identity.GetProperty("Identity__DataPath").GetString()).GetProperty("name").GetString();
        Assert.True(pod.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == data).TryGetProperty("emptyDir", out _));
        Assert.Contains(Egress(rendered, "mcp-gateway"), r => PodName(r) == "identity");
        Assert.DoesNotContain(rendered.OfKind("Secret"), s => Name(s).Contains("keycloak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Egress_is_denied_but_dns_the_issuer_the_mcp_server_and_prometheus()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, OrganisationValues + """

            networkPolicy:
              egress:
                issuer:
                  to:
                  - ipBlock:
                      cidr: 203.0.113.10/32
            """);

        Assert.All(rendered.OfKind("NetworkPolicy"), p => Assert.Equal(["Ingress", "Egress"], p.GetProperty("spec").GetProperty("policyTypes").EnumerateArray().Select(t => t.GetString())));
        var dns = Egress(rendered, "mcp-gateway")[0];
        Assert.Equal([53, 53], Ports(dns));
        Assert.Equal("kube-dns", dns.GetProperty("to")[0].GetProperty("podSelector").GetProperty("matchLabels").GetProperty("k8s-app").GetString());

        var gateway = Egress(rendered, "mcp-gateway").Skip(1).ToList();
        Assert.Equal(2, gateway.Count);
        Assert.Equal(("203.0.113.10/32", 443), (gateway[0].GetProperty("to")[0].GetProperty("ipBlock").GetProperty("cidr").GetString(), Ports(gateway[0]).Single()));
        Assert.Equal(("prometheus-mcp", 8080), (PodName(gateway[1]), Ports(gateway[1]).Single()));

        var server = Assert.Single(Egress(rendered, "mcp-prometheus-mcp").Skip(1));
        Assert.Equal(("monitoring", 9090), (PeerNamespace(server), Ports(server).Single()));

        // The issuer without peers: any address, on its port only.
        var open = Egress(await RenderedChart.RenderAsync(Chart, RequiredValues), "mcp-gateway")[1];
        Assert.False(open.TryGetProperty("to", out _));
        Assert.Equal([443], Ports(open));

        // A Prometheus the chart cannot place needs its peers from values.
        var unknown = await HelmTools.RunHelmAsync("template", "mcp", Chart, "--set", $"gateway.publicBaseUrl={PublicBaseUrl}",
            "--set", $"authorizationServer.issuer={Issuer}", "--set", "services.prometheus.url=https://prometheus.acme.test");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("networkPolicy.egress.services.prometheus.to is required", unknown.StandardError, StringComparison.Ordinal);
    }


    [Fact]
    public async Task The_aspire_cli_publishes_the_same_chart()
    {
        var output = Directory.CreateTempSubdirectory("mcpsecure-chart-cli-").FullName;
        try
        {
            var cli = RepositoryTools.Require(Path.Combine(HelmTools.Folder, "bin", "aspire-cli", "aspire"),
                "tools/k8s` and `dotnet tool install Aspire.Cli --version 13.6.5 --tool-path tools/k8s/bin/aspire-cli");
            var publish = await ExternalProcess.RunAsync(cli,
                ["publish", "-o", output, "--apphost", Path.Combine(RepositoryTools.Root, "McpSecure.AppHost", "McpSecure.AppHost.csproj"), "--non-interactive", "--nologo"],
                new Dictionary<string, string?> { ["ASPIRE_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
                RepositoryTools.Root, TimeSpan.FromMinutes(4));

            Assert.True(publish.ExitCode == 0, publish.ToString());
            Assert.Contains("Helm chart written", publish.StandardOutput, StringComparison.Ordinal);
            var files = Directory.GetFiles(Chart, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Chart, f)).Order().ToList();
            Assert.Equal(files, Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order());
            foreach (var file in files)
            {
                Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Chart, file)), await File.ReadAllTextAsync(Path.Combine(output, file)));
            }
        }
        finally
        {
            TempFolder.TryDelete(output);
        }
    }
}
