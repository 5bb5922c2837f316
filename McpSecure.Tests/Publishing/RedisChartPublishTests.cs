using System.Text;
using System.Text.Json;
using static McpSecure.Tests.Publishing.ChartObjects;

namespace McpSecure.Tests.Publishing;

/// <summary>
/// <c>aspire publish</c> with <c>McpSecure:Redis</c>: the chart lints, renders valid objects with its defaults and
/// with an organisation's values, runs a hardened Redis only the gateway reaches, and keeps its password in a Secret.
/// </summary>
[Trait("Category", "Publishing")]
public sealed class RedisChartPublishTests(RedisPublishedChartFixture chart) : IClassFixture<RedisPublishedChartFixture>
{
    private const string ConnectionStringKey = "ConnectionStrings__redis";

    private const string RequiredValues = $"""
        {ChartValues.GatewayAndPrometheus}
        authorizationServer:
          issuer: https://login.acme.test/realms/acme
        """;

    private static readonly string[] RequiredSettings =
        ["--set", "gateway.publicBaseUrl=https://mcp.acme.test", "--set", "authorizationServer.issuer=https://login.acme.test/realms/acme",
         "--set", "services.prometheus.url=http://prometheus:9090"];

    private string Chart => chart.ChartDirectory;

    [Fact]
    public async Task The_chart_with_redis_lints_with_its_defaults_an_existing_secret_an_external_redis_and_the_sidecar_layout()
    {
        Assert.True(chart.Publish.ExitCode == 0, $"publish failed: {chart.Publish}");
        // The old note ("the chart runs no Redis") is gone: the chart carries everything the app model has.
        Assert.DoesNotContain("runs no Redis", chart.Publish.StandardOutput + chart.Publish.StandardError, StringComparison.Ordinal);
        foreach (var extra in new[]
                 {
                     Array.Empty<string>(),
                     ["--set", "redis.existingSecret=acme-redis"],
                     ["--set", "redis.enabled=false", "--set", "redis.externalConnectionSecret=acme-redis-connection"],
                     ["--set", "layout=sidecar"],
                 })
        {
            var lint = await HelmTools.RunHelmAsync(["lint", Chart, "--strict", .. RequiredSettings, .. extra]);
            Assert.True(lint.ExitCode == 0, $"{string.Join(' ', extra)}: {lint}");
        }
    }

    [Fact]
    public async Task Redis_runs_hardened_without_persistence_probed_on_its_port_its_password_generated_into_a_secret_only()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues);

        var deployment = rendered.Single("Deployment", "mcp-redis");
        Assert.Equal(1, deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        var pod = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");
        Assert.False(pod.GetProperty("automountServiceAccountToken").GetBoolean());
        var podSecurity = pod.GetProperty("securityContext");
        Assert.True(podSecurity.GetProperty("runAsNonRoot").GetBoolean());
        Assert.Equal((999, 999, 999), (podSecurity.GetProperty("runAsUser").GetInt64(), podSecurity.GetProperty("runAsGroup").GetInt64(), podSecurity.GetProperty("fsGroup").GetInt64()));
        Assert.Equal("RuntimeDefault", podSecurity.GetProperty("seccompProfile").GetProperty("type").GetString());
        var container = Assert.Single(pod.GetProperty("containers").EnumerateArray());
        Assert.StartsWith("docker.io/library/redis:", container.GetProperty("image").GetString(), StringComparison.Ordinal);
        var security = container.GetProperty("securityContext");
        Assert.Equal(999, security.GetProperty("runAsUser").GetInt64());
        Assert.True(security.GetProperty("readOnlyRootFilesystem").GetBoolean());
        Assert.False(security.GetProperty("allowPrivilegeEscalation").GetBoolean());
        Assert.Equal(["ALL"], security.GetProperty("capabilities").GetProperty("drop").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("RuntimeDefault", security.GetProperty("seccompProfile").GetProperty("type").GetString());
        var resources = container.GetProperty("resources");
        Assert.Equal(("64Mi", "256Mi"), (resources.GetProperty("requests").GetProperty("memory").GetString(), resources.GetProperty("limits").GetProperty("memory").GetString()));
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            Assert.Equal("redis", container.GetProperty(probe).GetProperty("tcpSocket").GetProperty("port").GetString());
        }
        var mount = Assert.Single(container.GetProperty("volumeMounts").EnumerateArray());
        Assert.Equal("/data", mount.GetProperty("mountPath").GetString());
        Assert.True(pod.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == mount.GetProperty("name").GetString()).TryGetProperty("emptyDir", out _));
        Assert.Equal("redis-server", Assert.Single(container.GetProperty("command").EnumerateArray()).GetString());
        var args = container.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["--port", "6379", "--requirepass", "$(REDIS_PASSWORD)", "--save", "", "--appendonly", "no"], args.Take(8));

        // The password: generated (32 letters and digits), in the Secret both pods read, nowhere else.
        var secret = rendered.Single("Secret", "mcp-redis-password");
        var password = Encoding.UTF8.GetString(Convert.FromBase64String(secret.GetProperty("data").GetProperty("value").GetString()!));
        Assert.Matches("^[A-Za-z0-9]{32}$", password);
        Assert.Equal(("mcp-redis-password", "value"), SecretReference(Env(container, "REDIS_PASSWORD")));
        foreach (var holder in rendered.Objects.Where(o => o.GetProperty("kind").GetString() != "Secret"))
        {
            Assert.DoesNotContain(password, holder.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(RenderedChart.Base64(password), holder.GetRawText(), StringComparison.Ordinal);
        }
        var service = rendered.Single("Service", "mcp-redis").GetProperty("spec");
        Assert.Equal(("ClusterIP", 6379), (service.GetProperty("type").GetString(), service.GetProperty("ports")[0].GetProperty("port").GetInt32()));
    }

    [Fact]
    public async Task The_gateway_builds_its_connection_string_from_the_secret_in_its_pod_never_in_a_config_map()
    {
        foreach (var layout in new[] { "separate", "sidecar" })
        {
            var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues + $"\nlayout: {layout}\n");
            var gateway = rendered.Single("Deployment", "mcp-gateway").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
            var env = gateway.GetProperty("env").EnumerateArray().ToList();

            var password = env.FindIndex(e => e.GetProperty("name").GetString() == "REDIS_PASSWORD");
            var connection = env.FindIndex(e => e.GetProperty("name").GetString() == ConnectionStringKey);
            Assert.True(password >= 0 && connection > password, $"{layout}: REDIS_PASSWORD must come before {ConnectionStringKey}");
            Assert.Equal(("mcp-redis-password", "value"), SecretReference(env[password]));
            Assert.Equal("mcp-redis:6379,password=$(REDIS_PASSWORD)", env[connection].GetProperty("value").GetString());
            foreach (var configMap in rendered.OfKind("ConfigMap"))
            {
                Assert.DoesNotContain("redis", configMap.GetProperty("data").GetRawText(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Only_the_gateway_reaches_redis_on_6379_redis_reaches_nothing_and_the_gateway_may_reach_it()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues);

        var policy = rendered.Single("NetworkPolicy", "mcp-redis").GetProperty("spec");
        Assert.Equal(Labels("redis"), Labels(policy.GetProperty("podSelector")));
        Assert.Equal(["Ingress", "Egress"], policy.GetProperty("policyTypes").EnumerateArray().Select(t => t.GetString()));
        var ingress = Assert.Single(policy.GetProperty("ingress").EnumerateArray());
        Assert.Equal(Labels("gateway"), Labels(Assert.Single(ingress.GetProperty("from").EnumerateArray()).GetProperty("podSelector")));
        Assert.Equal([6379], Ports(ingress));
        Assert.False(policy.TryGetProperty("egress", out var egress) && egress.GetArrayLength() > 0, "Redis must have no egress");

        var toRedis = Assert.Single(Egress(rendered, "mcp-gateway"), r => r.TryGetProperty("to", out var to) && Labels(to[0].GetProperty("podSelector")) == Labels("redis"));
        Assert.Equal([6379], Ports(toRedis));
        // No other pod may be reached by, or reach, Redis: its pods are in no other policy's rules.
        foreach (var other in rendered.OfKind("NetworkPolicy").Where(p => p.GetProperty("metadata").GetProperty("name").GetString() is not ("mcp-redis" or "mcp-gateway")))
        {
            Assert.DoesNotContain("\"redis\"", other.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_existing_secret_image_and_resources_from_values_replace_the_charts_own()
    {
        var rendered = await RenderedChart.RenderAsync(Chart, RequiredValues + """

            redis:
              existingSecret: acme-redis
              image:
                repository: registry.acme.test/redis
                tag: 7.4-alpine
              resources:
                requests: {cpu: 20m, memory: 32Mi}
                limits: {cpu: 200m, memory: 128Mi}
            """);

        Assert.DoesNotContain(rendered.OfKind("Secret"), s => s.GetProperty("metadata").GetProperty("name").GetString() == "mcp-redis-password");
        var redis = rendered.Single("Deployment", "mcp-redis").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
        Assert.Equal("registry.acme.test/redis:7.4-alpine", redis.GetProperty("image").GetString());
        Assert.Equal("128Mi", redis.GetProperty("resources").GetProperty("limits").GetProperty("memory").GetString());
        Assert.Equal(("acme-redis", "value"), SecretReference(Env(redis, "REDIS_PASSWORD")));
        var gateway = rendered.Single("Deployment", "mcp-gateway").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
        Assert.Equal(("acme-redis", "value"), SecretReference(Env(gateway, "REDIS_PASSWORD")));
    }

    [Fact]
    public async Task An_external_redis_is_read_from_its_secret_and_reached_through_the_peers_given_or_none_is_used()
    {
        var external = await RenderedChart.RenderAsync(Chart, RequiredValues + """

            redis:
              enabled: false
              externalConnectionSecret: acme-redis-connection
            networkPolicy:
              egress:
                redis:
                  to:
                  - ipBlock:
                      cidr: 10.20.0.5/32
                  ports:
                  - port: 6380
                    protocol: TCP
            """);

        Assert.DoesNotContain(external.Objects, o => o.GetProperty("metadata").GetProperty("name").GetString()!.StartsWith("mcp-redis", StringComparison.Ordinal));
        var gateway = external.Single("Deployment", "mcp-gateway").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
        Assert.Equal(("acme-redis-connection", "value"), SecretReference(Env(gateway, ConnectionStringKey)));
        Assert.DoesNotContain(gateway.GetProperty("env").EnumerateArray(), e => e.GetProperty("name").GetString() == "REDIS_PASSWORD");
        var rule = Assert.Single(Egress(external, "mcp-gateway"), r => r.TryGetProperty("to", out var to) && to[0].TryGetProperty("ipBlock", out _));
        Assert.Equal(("10.20.0.5/32", 6380), (rule.GetProperty("to")[0].GetProperty("ipBlock").GetProperty("cidr").GetString(), Ports(rule).Single()));

        // Neither: no Redis anywhere, and the gateway limits per replica (it says so itself).
        var none = await RenderedChart.RenderAsync(Chart, RequiredValues + "\nredis:\n  enabled: false\n");
        Assert.DoesNotContain("redis", none.Text.Replace("templates/redis", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Egress(none, "mcp-gateway").Count, Egress(external, "mcp-gateway").Count - 1);
    }

    private static string Labels(JsonElement selector) => selector.GetProperty("matchLabels").GetRawText();

    private static string Labels(string name) => $$"""{"app.kubernetes.io/name":"{{name}}","app.kubernetes.io/instance":"mcp"}""";
}
