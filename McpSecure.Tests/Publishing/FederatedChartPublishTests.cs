using System.Text.Json;
using static McpSecure.Tests.Publishing.ChartObjects;

namespace McpSecure.Tests.Publishing;

/// <summary>
/// <c>aspire publish</c> of the real AppHost in federation mode: the chart deploys McpSecure.Identity for production;
/// it lints, renders with the default and with an organisation's values (SQLite, then PostgreSQL with replicas),
/// validates against the Kubernetes schemas, keeps secrets in Secrets, and refuses what cannot work.
/// </summary>
[Trait("Category", "Publishing")]
public sealed class FederatedChartPublishTests(FederatedChartFixture chart) : IClassFixture<FederatedChartFixture>
{
    private const string PublicBaseUrl = ChartValues.PublicBaseUrl;
    private const string IdentityUrl = "https://login.mcp.acme.test";
    private const string ClientSecret = "test-only-upstream-client-secret-0123456789";

    /// <summary>What an installation in federation mode must give (the upstream issuer and client come from the publish).</summary>
    private const string RequiredValues = $"""
        {ChartValues.GatewayAndPrometheus}
        identity:
          publicUrl: {IdentityUrl}
          federation:
            clientSecret:
              value: {ClientSecret}
        """;

    /// <summary>Scale-out: PostgreSQL from the organisation's Secret, three replicas, its own client Secret, explicit egress peers.</summary>
    private const string ScaleOutValues = $"""
        {ChartValues.GatewayAndPrometheus}
        identity:
          publicUrl: {IdentityUrl}/
          replicas: 3
          federation:
            scopes: [openid, profile, email, groups]
            claims:
              username: upn
            clientSecret:
              existingSecret: acme-upstream-client
              key: client-secret
          storage:
            provider: PostgreSql
            postgres:
              existingSecret: acme-identity-db
              key: npgsql
        networkPolicy:
          egress:
            upstreamIssuer:
              to:
                - ipBlock:
                    cidr: 203.0.113.10/32
            postgres:
              to:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: databases
        """;

    private string Chart => chart.ChartDirectory;

    [Fact]
    public async Task Publish_in_federation_mode_writes_the_identity_templates_and_helm_lints_them()
    {
        Assert.True(chart.Publish.ExitCode == 0, chart.Publish.ToString());
        foreach (var file in new[] { "deployment.yaml", "config.yaml", "realm.yaml", "client-secret.yaml", "data.yaml", "networkpolicy.yaml", "checks.yaml", "ingress.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(Chart, "templates", "identity", file)), file);
        }
        Assert.False(Directory.Exists(Path.Combine(Chart, "templates", "keycloak")), "no demo provider in federation mode");
        Assert.DoesNotContain("test-only-publish-time-secret", string.Join("\n", Directory.GetFiles(Chart, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);

        var lint = await HelmTools.LintAsync(Chart, RequiredValues);
        Assert.True(lint.ExitCode == 0, lint.ToString());
    }

    [Fact]
    public async Task Default_values_run_one_hardened_identity_on_a_volume_that_the_gateway_trusts()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues);
        rendered.AssertHardened();

        var deployment = rendered.Single("Deployment", "mcp-identity");
        Assert.Equal((1, "Recreate"), ReplicasAndStrategy(deployment));
        var container = Containers(deployment).Single();
        Assert.Equal(("/alive", "/health"), (container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString(),
            container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString()));
        var data = Volume(deployment, "data");
        Assert.Equal("mcp-identity-data", data.GetProperty("persistentVolumeClaim").GetProperty("claimName").GetString());
        Assert.Equal("ReadWriteOnce", rendered.Single("PersistentVolumeClaim", "mcp-identity-data").GetProperty("spec").GetProperty("accessModes")[0].GetString());

        // The gateway's issuer is McpSecure.Identity's public URL; McpSecure.Identity's issuer is the same.
        Assert.Equal($"{IdentityUrl}/", Config(rendered, "mcp-gateway-config", "Gateway__AuthorizationServer__Issuer"));
        var identity = rendered.Single("ConfigMap", "mcp-identity-config").GetProperty("data");
        Assert.Equal($"{IdentityUrl}/", identity.GetProperty("Identity__Issuer").GetString());
        Assert.Equal($"{PublicBaseUrl}/mcp", identity.GetProperty("Identity__Resources__0").GetString());
        Assert.Equal(FederatedChartFixture.UpstreamIssuer, identity.GetProperty("Identity__Federation__Issuer").GetString());
        Assert.Equal(FederatedChartFixture.UpstreamClientId, identity.GetProperty("Identity__Federation__ClientId").GetString());
        Assert.Equal("admin", identity.GetProperty("Identity__Federation__RoleMap__mcp-admins").GetString());
        Assert.Equal("reader", identity.GetProperty("Identity__Federation__DefaultRoles__0").GetString());
        Assert.Equal("Sqlite", identity.GetProperty("Identity__Storage__Provider").GetString());
        Assert.Equal("login.mcp.acme.test", rendered.Single("Ingress", "mcp-identity").GetProperty("spec").GetProperty("rules")[0].GetProperty("host").GetString());

        // The secret: in the chart's Secret only, referenced by the pod, in no ConfigMap and no literal env.
        var secret = rendered.Single("Secret", "mcp-upstream-client-secret");
        Assert.Equal(RenderedChart.Base64(ClientSecret), secret.GetProperty("data").GetProperty("value").GetString());
        var env = container.GetProperty("env").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Identity__Federation__ClientSecret");
        Assert.Equal(("mcp-upstream-client-secret", "value"), SecretReference(env));
        Assert.All(rendered.OfKind("ConfigMap"), c => Assert.DoesNotContain(ClientSecret, c.ToString(), StringComparison.Ordinal));
        Assert.All(rendered.OfKind("Deployment"), d => Assert.DoesNotContain(ClientSecret, d.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(container.GetProperty("env").EnumerateArray(), e => e.GetProperty("name").GetString()!.StartsWith("ConnectionStrings", StringComparison.Ordinal));

        // The realm in the chart: public clients, scopes and roles; no users, no development client secret.
        var realm = rendered.Single("ConfigMap", "mcp-identity-realm").GetProperty("data").GetProperty("realm").GetString()!;
        Assert.DoesNotContain("dev-password", realm, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-only", realm, StringComparison.Ordinal);

        // Egress: DNS, the upstream issuer on 443 (no peers given); the gateway reaches the identity's pods.
        var egress = Egress(rendered, "mcp-identity");
        Assert.Equal(2, egress.Count);
        Assert.Equal([443], Ports(egress[1]));
        Assert.Contains(Egress(rendered, "mcp-gateway"), r => PodName(r) == "identity");
    }

    [Fact]
    public async Task Postgresql_values_scale_out_from_the_organisations_secrets_with_egress_to_the_database_only()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, ScaleOutValues);
        rendered.AssertHardened();

        var deployment = rendered.Single("Deployment", "mcp-identity");
        Assert.Equal((3, "RollingUpdate"), ReplicasAndStrategy(deployment));
        Assert.True(Volume(deployment, "data").TryGetProperty("emptyDir", out _));
        Assert.Empty(rendered.OfKind("PersistentVolumeClaim"));
        Assert.DoesNotContain(rendered.OfKind("Secret"), s => Name(s) == "mcp-upstream-client-secret");

        var env = Containers(deployment).Single().GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.Equal(("acme-upstream-client", "client-secret"), SecretReference(env["Identity__Federation__ClientSecret"]));
        Assert.Equal(("acme-identity-db", "npgsql"), SecretReference(env["ConnectionStrings__identitydb"]));
        var identity = rendered.Single("ConfigMap", "mcp-identity-config").GetProperty("data");
        Assert.Equal("PostgreSql", identity.GetProperty("Identity__Storage__Provider").GetString());
        Assert.Equal("groups", identity.GetProperty("Identity__Federation__Scopes__3").GetString());
        Assert.Equal("upn", identity.GetProperty("Identity__Federation__Claims__username").GetString());
        Assert.Equal($"{IdentityUrl}/", Config(rendered, "mcp-gateway-config", "Gateway__AuthorizationServer__Issuer"));

        var egress = Egress(rendered, "mcp-identity");
        Assert.Equal(3, egress.Count);
        Assert.Equal("203.0.113.10/32", egress[1].GetProperty("to")[0].GetProperty("ipBlock").GetProperty("cidr").GetString());
        Assert.Equal([5432], Ports(egress[2]));
        Assert.Equal("databases", egress[2].GetProperty("to")[0].GetProperty("namespaceSelector").GetProperty("matchLabels").GetProperty("kubernetes.io/metadata.name").GetString());
    }

    [Fact]
    public async Task What_cannot_work_stops_the_render_naming_the_values_to_change()
    {
        var required = new[] { "--set", $"gateway.publicBaseUrl={PublicBaseUrl}", "--set", "services.prometheus.url=http://p:9090",
            "--set", $"identity.publicUrl={IdentityUrl}", "--set", $"identity.federation.clientSecret.value={ClientSecret}" };

        var sqliteReplicas = await HelmTools.RunHelmAsync(["template", "mcp", Chart, .. required, "--set", "identity.replicas=2"]);
        Assert.NotEqual(0, sqliteReplicas.ExitCode);
        Assert.Contains("identity.replicas is 2 but identity.storage.provider is Sqlite", sqliteReplicas.StandardError, StringComparison.Ordinal);

        var noDatabase = await HelmTools.RunHelmAsync(["template", "mcp", Chart, .. required, "--set", "identity.storage.provider=PostgreSql"]);
        Assert.NotEqual(0, noDatabase.ExitCode);
        Assert.Contains("identity.storage.postgres.existingSecret is required when identity.storage.provider is PostgreSql", noDatabase.StandardError, StringComparison.Ordinal);

        var badProvider = await HelmTools.RunHelmAsync(["template", "mcp", Chart, .. required, "--set", "identity.storage.provider=MySql"]);
        Assert.Contains("identity.storage.provider is \"MySql\"", badProvider.StandardError, StringComparison.Ordinal);

        var noUrl = await HelmTools.RunHelmAsync("template", "mcp", Chart, "--set", $"gateway.publicBaseUrl={PublicBaseUrl}", "--set", "services.prometheus.url=http://p:9090",
            "--set", $"identity.federation.clientSecret.value={ClientSecret}");
        Assert.NotEqual(0, noUrl.ExitCode);
        Assert.Contains("identity.publicUrl is required", noUrl.StandardError, StringComparison.Ordinal);

        // The publish's client is confidential: no secret, no render (and no empty secret in the pod).
        var noSecret = await HelmTools.RunHelmAsync("template", "mcp", Chart, "--set", $"gateway.publicBaseUrl={PublicBaseUrl}", "--set", "services.prometheus.url=http://p:9090",
            "--set", $"identity.publicUrl={IdentityUrl}");
        Assert.NotEqual(0, noSecret.ExitCode);
        Assert.Contains("identity.federation.clientSecret.value is required (or set existingSecret)", noSecret.StandardError, StringComparison.Ordinal);
    }
}
