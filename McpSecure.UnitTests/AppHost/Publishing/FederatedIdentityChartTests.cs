using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using k8s.Models;
using McpSecure.AppHost;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.HostingModes;
using McpSecure.AppHost.Publishing;
using McpSecure.AppHost.Publishing.Federation;

namespace McpSecure.UnitTests.AppHost.Publishing;

/// <summary>A publish in federation mode: the chart deploys McpSecure.Identity for production, its defaults from the app model.</summary>
public sealed class FederatedIdentityChartTests
{
    private const string UpstreamIssuer = "https://login.acme.test/realms/acme";

    private static AppHostOptions FederatedOptions(IdentityStorage storage = IdentityStorage.Sqlite, int replicas = 1) => new()
    {
        DataPath = Path.GetTempPath(),
        UpstreamIssuer = UpstreamIssuer,
        UpstreamClientId = "mcp-identity",
        UpstreamScopes = ["openid", "profile", "groups"],
        UpstreamRoleClaims = ["groups"],
        UpstreamRoleMap = new() { ["mcp-admins"] = "admin" },
        UpstreamDefaultRoles = ["reader"],
        UpstreamClaims = new() { ["Username"] = "upn" },
        Identity = new IdentitySettings { Storage = storage, Replicas = replicas },
    };

    /// <summary>The gateway and the identity wired as AppHost.cs wires them (no MCP server: it plays no part here), read for the chart.</summary>
    private static async Task<ChartApplication> FederatedAppAsync(AppHostOptions options, bool confidential = true)
    {
        var builder = AppModel.CreateBuilder("--operation", "publish");
        if (confidential)
        {
            builder.Configuration[$"Parameters:{AppModelNames.Resources.UpstreamClientSecret}"] = "test-only-upstream-secret";
        }
        var gateway = builder.AddGateway(options);
        var identity = builder.AddIdentityProvider(HostingMode.Containers, options, gateway.ProtectedResource());
        gateway.WithAuthorizationServer(identity, options);
        return await AppModelReader.ReadAsync(new DistributedApplicationModel(builder.Resources), builder.ExecutionContext, CancellationToken.None);
    }

    private static HelmManifest Manifest(ChartApplication app, string path) =>
        HelmChartBuilder.Manifests(app).Single(m => m.Path == $"templates/identity/{path}");

    [Fact]
    public async Task The_federation_settings_of_the_app_model_are_read_and_no_demo_provider_is_offered()
    {
        var app = await FederatedAppAsync(FederatedOptions(IdentityStorage.PostgreSql, replicas: 3));

        var identity = Assert.IsType<FederatedIdentity>(app.Federation);
        Assert.Equal((UpstreamIssuer, "mcp-identity", true), (identity.UpstreamIssuer, identity.ClientId, identity.Confidential));
        Assert.Equal(["openid", "profile", "groups"], identity.Scopes);
        Assert.Equal(["groups"], identity.RoleClaims);
        Assert.Equal("admin", identity.RoleMap["mcp-admins"]);
        Assert.Equal(["reader"], identity.DefaultRoles);
        Assert.Equal("upn", identity.Claims["Username"]);
        Assert.Equal((FederatedIdentity.PostgreSql, 3, "mcpsecure-identity"), (identity.StorageProvider, identity.Replicas, identity.ImageRepository));
        Assert.Empty(app.DemoProviders);
        Assert.Contains(app.Notes, n => n.Contains("Federation mode", StringComparison.Ordinal) && n.Contains(UpstreamIssuer, StringComparison.Ordinal));
        // The upstream secret is McpSecure.Identity's, never one of the gateway's Secrets.
        Assert.DoesNotContain(app.Secrets, s => s.Name == AppModelNames.Resources.UpstreamClientSecret);
    }

    [Fact]
    public async Task Without_an_upstream_issuer_there_is_no_federated_identity()
    {
        var app = await PublishedApps.TheAppAsync();

        Assert.Null(app.Federation);
        Assert.DoesNotContain(HelmChartBuilder.Build(app, "1.0.0"), f => f.Path == "templates/identity/checks.yaml");
    }

    [Fact]
    public async Task A_public_upstream_client_is_not_confidential_and_the_chart_defaults_to_no_secret()
    {
        var app = await FederatedAppAsync(FederatedOptions(), confidential: false);

        Assert.False(app.Federation!.Confidential);
        var values = HelmChartBuilder.Build(app, "1.0.0").Single(f => f.Path == "values.yaml").Content;
        Assert.Contains("confidential: false", values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chart_realm_has_no_users_and_no_confidential_client_with_its_development_secret()
    {
        var app = await FederatedAppAsync(FederatedOptions());
        var realmFile = HelmChartBuilder.Build(app, "1.0.0").Single(f => f.Path == app.Federation!.RealmChartFile);
        var realm = JsonNode.Parse(realmFile.Content)!;

        Assert.Null(realm["users"]);
        Assert.All(realm["clients"]!.AsArray(), c => Assert.True(c!["publicClient"]!.GetValue<bool>()));
        Assert.Contains(realm["clients"]!.AsArray(), c => c!["clientId"]!.GetValue<string>() == IdentityProviderExtensions.PublicClientId);
        Assert.DoesNotContain("dev-only", realmFile.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-password", realmFile.Content, StringComparison.Ordinal);
        Assert.NotNull(realm["roles"]);
    }

    [Fact]
    public async Task Secrets_reach_the_pod_only_as_secret_references_never_in_the_config_map_or_literal_env()
    {
        var app = await FederatedAppAsync(FederatedOptions(IdentityStorage.PostgreSql, 2));
        var config = Manifest(app, "config.yaml");
        var deployment = Manifest(app, "deployment.yaml");
        var container = ((V1Deployment)deployment.Resource).Spec.Template.Spec.Containers.Single();

        // The ConfigMap's data is the settings helper, which holds neither the secret nor the connection string.
        Assert.Equal("data", Assert.Single(config.Patches).Path);
        var helpers = HelmChartBuilder.Build(app, "1.0.0").Single(f => f.Path == "templates/_helpers.tpl").Content;
        var configHelper = helpers[helpers.IndexOf("define \"mcpsecure.identityConfig\"", StringComparison.Ordinal)..];
        configHelper = configHelper[..configHelper.IndexOf("{{- end }}", StringComparison.Ordinal)];
        Assert.DoesNotContain("ClientSecret", configHelper, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings", configHelper, StringComparison.Ordinal);
        Assert.DoesNotContain("test-only-upstream-secret", string.Join("\n", HelmChartBuilder.Build(app, "1.0.0").Select(f => f.Content)), StringComparison.Ordinal);

        // The only literal env is the port; the secret and the connection string are secretKeyRefs, each under its condition.
        Assert.Equal("ASPNETCORE_HTTP_PORTS", container.Env[0].Name);
        var secret = deployment.Patches.Single(p => p.Path.EndsWith(".env[1]", StringComparison.Ordinal));
        var connection = deployment.Patches.Single(p => p.Path.EndsWith(".env[2]", StringComparison.Ordinal));
        Assert.Contains("\"Identity__Federation__ClientSecret\" \"valueFrom\" (dict \"secretKeyRef\"", secret.Expression, StringComparison.Ordinal);
        Assert.Contains(".Values.identity.federation.clientSecret.existingSecret", secret.Expression, StringComparison.Ordinal);
        Assert.Contains("\"ConnectionStrings__identitydb\" \"valueFrom\" (dict \"secretKeyRef\"", connection.Expression, StringComparison.Ordinal);
        Assert.Contains(".Values.identity.storage.postgres.existingSecret", connection.Expression, StringComparison.Ordinal);
        Assert.Contains("PostgreSql", connection.Condition, StringComparison.Ordinal);
        var clientSecret = Manifest(app, "client-secret.yaml");
        Assert.Equal(("v1", "Secret"), (((V1Secret)clientSecret.Resource).ApiVersion, ((V1Secret)clientSecret.Resource).Kind));
        Assert.Contains("not .Values.identity.federation.clientSecret.existingSecret", clientSecret.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pod_is_hardened_like_the_other_workloads_with_probes_and_replicas_from_values()
    {
        var app = await FederatedAppAsync(FederatedOptions());
        var deployment = Manifest(app, "deployment.yaml");
        var pod = ((V1Deployment)deployment.Resource).Spec.Template.Spec;
        var container = pod.Containers.Single();

        Assert.False(pod.AutomountServiceAccountToken);
        Assert.False(pod.EnableServiceLinks);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.Equal((true, false, false, true), (container.SecurityContext.RunAsNonRoot!.Value, container.SecurityContext.AllowPrivilegeEscalation!.Value,
            container.SecurityContext.Privileged!.Value, container.SecurityContext.ReadOnlyRootFilesystem!.Value));
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal(("/alive", "/alive", "/health"), (container.StartupProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Path));
        Assert.Contains(deployment.Patches, p => p.Path == "spec.replicas" && p.Expression.Contains(".Values.identity.replicas", StringComparison.Ordinal));
        Assert.Contains(deployment.Patches, p => p.Path == "spec.template.spec.securityContext.runAsUser");
        // SQLite: a kept PersistentVolumeClaim, rendered only for SQLite with persistence on; an emptyDir otherwise.
        var volume = deployment.Patches.Single(p => p.Path == "spec.template.spec.volumes[1]").Expression;
        Assert.Contains("persistentVolumeClaim", volume, StringComparison.Ordinal);
        Assert.Contains("emptyDir", volume, StringComparison.Ordinal);
        var claim = Manifest(app, "data.yaml");
        Assert.Equal("keep", ((V1PersistentVolumeClaim)claim.Resource).Metadata.Annotations["helm.sh/resource-policy"]);
        Assert.Contains("Sqlite", claim.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replicas_above_one_on_sqlite_and_postgresql_without_a_secret_stop_the_render()
    {
        var app = await FederatedAppAsync(FederatedOptions());
        var checks = HelmChartBuilder.Build(app, "1.0.0").Single(f => f.Path == "templates/identity/checks.yaml").Content;

        Assert.Contains("but identity.storage.provider is Sqlite", checks, StringComparison.Ordinal);
        Assert.Contains("(gt (int $i.replicas) 1)", checks, StringComparison.Ordinal);
        Assert.Contains("identity.storage.postgres.existingSecret is required when identity.storage.provider is PostgreSql", checks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_egress_is_dns_the_upstream_issuer_and_postgresql_and_the_gateway_reaches_its_pods()
    {
        var app = await FederatedAppAsync(FederatedOptions(IdentityStorage.PostgreSql, 2));
        var policy = Manifest(app, "networkpolicy.yaml");
        var spec = ((V1NetworkPolicy)policy.Resource).Spec;

        Assert.Equal(["Ingress", "Egress"], spec.PolicyTypes);
        Assert.Equal("8080", Assert.Single(Assert.Single(spec.Ingress).Ports).Port.Value);
        Assert.Equal(3, spec.Egress.Count);
        Assert.Equal("53", spec.Egress[0].Ports[0].Port.Value);
        Assert.Contains(".Values.identity.federation.upstreamIssuer", policy.Patches.Single(p => p.Path == "spec.egress[1]").Expression, StringComparison.Ordinal);
        var postgres = policy.Patches.Single(p => p.Path == "spec.egress[2]");
        Assert.Contains("mcpsecure.identityPostgresEgress", postgres.Expression, StringComparison.Ordinal);
        Assert.Contains("PostgreSql", postgres.Condition, StringComparison.Ordinal);

        var gateway = HelmChartBuilder.Manifests(app).Single(m => m.Path == "templates/gateway/networkpolicy.yaml");
        Assert.Contains(gateway.Patches, p => p.Expression.Contains("\"app.kubernetes.io/name\":\"identity\"", StringComparison.Ordinal) && p.Expression.Contains("8080", StringComparison.Ordinal));
        var values = HelmChartBuilder.Build(app, "1.0.0").Single(f => f.Path == "values.yaml").Content;
        Assert.Contains("upstreamIssuer:", values, StringComparison.Ordinal);
        Assert.Contains("postgres:", values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_trusts_mcpsecure_identity_at_its_public_url_and_the_values_default_to_the_app_model()
    {
        var app = await FederatedAppAsync(FederatedOptions(IdentityStorage.PostgreSql, 3));
        var files = HelmChartBuilder.Build(app, "1.0.0");
        var helpers = files.Single(f => f.Path == "templates/_helpers.tpl").Content;
        var issuer = helpers[helpers.IndexOf("define \"mcpsecure.issuer\"", StringComparison.Ordinal)..];
        issuer = issuer[..issuer.IndexOf("{{- end }}", StringComparison.Ordinal)];

        Assert.Contains("include \"mcpsecure.identityUrl\"", issuer, StringComparison.Ordinal);
        Assert.DoesNotContain("authorizationServer.issuer", issuer, StringComparison.Ordinal);
        var values = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, object>>(files.Single(f => f.Path == "values.yaml").Content);
        var identity = (Dictionary<object, object>)values["identity"];
        var federation = (Dictionary<object, object>)identity["federation"];
        Assert.Equal(("3", "PostgreSql"), (identity["replicas"].ToString(), ((Dictionary<object, object>)identity["storage"])["provider"].ToString()));
        Assert.Equal((UpstreamIssuer, "mcp-identity"), (federation["upstreamIssuer"].ToString(), federation["clientId"].ToString()));
        Assert.Equal(["openid", "profile", "groups"], ((List<object>)federation["scopes"]).Select(s => s.ToString()));
        Assert.Equal("admin", ((Dictionary<object, object>)federation["roleMap"])["mcp-admins"]);
        var claims = (Dictionary<object, object>)federation["claims"];
        Assert.Equal(("sub", "upn"), (claims["subject"].ToString(), claims["username"].ToString()));
    }
}
