using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using static McpSecure.Tests.Publishing.ChartObjects;

namespace McpSecure.Tests.Publishing;

/// <summary>The chart rendered by <c>helm template</c> with a values file, each object validated against the Kubernetes schemas.</summary>
internal sealed class RenderedChart
{
    private RenderedChart(string text, IReadOnlyList<JsonElement> objects)
    {
        Text = text;
        Objects = objects;
    }

    /// <summary>The rendered YAML as helm printed it.</summary>
    public string Text { get; }

    public IReadOnlyList<JsonElement> Objects { get; }

    public IEnumerable<JsonElement> OfKind(string kind) => Objects.Where(o => o.GetProperty("kind").GetString() == kind);

    public JsonElement Single(string kind, string name) =>
        Assert.Single(OfKind(kind), o => o.GetProperty("metadata").GetProperty("name").GetString() == name);

    /// <summary>Renders <paramref name="chart"/> as release <c>mcp</c> with <paramref name="valuesYaml"/>, validates every object, and fails with helm's or the validator's message.</summary>
    public static async Task<RenderedChart> RenderAsync(string chart, string valuesYaml)
    {
        var scratch = Directory.CreateTempSubdirectory("mcpsecure-render-").FullName;
        try
        {
            var values = Path.Combine(scratch, "values.yaml");
            await File.WriteAllTextAsync(values, valuesYaml);
            var template = await HelmTools.RunHelmAsync("template", "mcp", chart, "--namespace", "mcp", "-f", values);
            Assert.True(template.ExitCode == 0, $"helm template failed: {template}");

            var rendered = Path.Combine(scratch, "rendered.yaml");
            await File.WriteAllTextAsync(rendered, template.StandardOutput);
            var validation = await ExternalProcess.RunAsync("node", [HelmTools.Validator, rendered], null, HelmTools.Folder, TimeSpan.FromMinutes(1));
            var report = JsonDocument.Parse(validation.StandardOutput).RootElement;
            var errors = report.GetProperty("errors").EnumerateArray().Select(e => e.ToString()).ToList();
            Assert.True(validation.ExitCode == 0 && errors.Count == 0, "Objects invalid against the Kubernetes schemas:\n" + string.Join("\n", errors) + "\n" + validation);
            return new RenderedChart(template.StandardOutput, [.. report.GetProperty("objects").EnumerateArray().Select(o => o.Clone())]);
        }
        finally
        {
            TempFolder.TryDelete(scratch);
        }
    }

    /// <summary>Every Deployment hardened: non-root, read-only root file system, no capabilities, seccomp, resources, writable mounts only on its own volumes, probes.</summary>
    public void AssertHardened()
    {
        var deployments = OfKind("Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var pod = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");
            var name = Name(deployment);
            Assert.False(pod.GetProperty("automountServiceAccountToken").GetBoolean(), name);
            var podSecurity = pod.GetProperty("securityContext");
            Assert.True(podSecurity.GetProperty("runAsNonRoot").GetBoolean(), name);
            Assert.Equal(name == "mcp-keycloak" ? 1000 : 1654, podSecurity.GetProperty("runAsUser").GetInt64());
            Assert.Equal("RuntimeDefault", podSecurity.GetProperty("seccompProfile").GetProperty("type").GetString());
            Assert.NotEmpty(pod.GetProperty("topologySpreadConstraints").EnumerateArray());
            var emptyDirs = pod.GetProperty("volumes").EnumerateArray().Where(v => v.TryGetProperty("emptyDir", out _)).Select(v => v.GetProperty("name").GetString()).ToList();
            // McpSecure.Identity in federation mode keeps its SQLite database on a claim of its own.
            var writable = pod.GetProperty("volumes").EnumerateArray().Where(v => v.TryGetProperty("emptyDir", out _) || v.TryGetProperty("persistentVolumeClaim", out _))
                .Select(v => v.GetProperty("name").GetString()).ToList();

            var init = pod.TryGetProperty("initContainers", out var inits) ? inits.EnumerateArray().ToList() : [];
            foreach (var container in Containers(deployment).Concat(init))
            {
                var security = container.GetProperty("securityContext");
                Assert.True(security.GetProperty("runAsNonRoot").GetBoolean(), name);
                Assert.NotEqual(0, security.GetProperty("runAsUser").GetInt64());
                Assert.True(security.GetProperty("readOnlyRootFilesystem").GetBoolean(), name);
                Assert.False(security.GetProperty("allowPrivilegeEscalation").GetBoolean(), name);
                Assert.Equal(["ALL"], security.GetProperty("capabilities").GetProperty("drop").EnumerateArray().Select(c => c.GetString()));
                Assert.Equal("RuntimeDefault", security.GetProperty("seccompProfile").GetProperty("type").GetString());
                var resources = container.GetProperty("resources");
                Assert.Equal(["cpu", "memory"], resources.GetProperty("requests").EnumerateObject().Select(p => p.Name));
                Assert.Equal(["cpu", "memory"], resources.GetProperty("limits").EnumerateObject().Select(p => p.Name));
                // Every writable mount is an emptyDir of the pod (or a claim of its own).
                foreach (var mount in container.GetProperty("volumeMounts").EnumerateArray().Where(m => !(m.TryGetProperty("readOnly", out var ro) && ro.GetBoolean())))
                {
                    Assert.Contains(mount.GetProperty("name").GetString(), writable);
                }
                if (init.Contains(container))
                {
                    continue;
                }
                // A read-only root file system, and a writable emptyDir of its own for /tmp.
                var tmp = container.GetProperty("volumeMounts").EnumerateArray().Single(m => m.GetProperty("mountPath").GetString() == "/tmp");
                Assert.Contains(tmp.GetProperty("name").GetString(), emptyDirs);
                // Keycloak's health endpoints are on its management interface; ours are ServiceDefaults'.
                var keycloak = container.GetProperty("name").GetString() == "keycloak";
                Assert.Equal(keycloak ? "/health/started" : "/alive", container.GetProperty("startupProbe").GetProperty("httpGet").GetProperty("path").GetString());
                Assert.Equal(keycloak ? "/health/live" : "/alive", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
                Assert.Equal(keycloak ? "/health/ready" : "/health", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            }
        }
    }

    public static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
