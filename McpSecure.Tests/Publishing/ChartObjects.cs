using System.Text.Json;

namespace McpSecure.Tests.Publishing;

/// <summary>Readers of rendered Kubernetes objects shared by the chart tests (names, containers, volumes, env, secrets, egress rules).</summary>
internal static class ChartObjects
{
    public static string Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString()!;

    public static IEnumerable<JsonElement> Containers(JsonElement deployment) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray();

    /// <summary>A Deployment's replica count and update strategy.</summary>
    public static (int Replicas, string? Strategy) ReplicasAndStrategy(JsonElement deployment) =>
        (deployment.GetProperty("spec").GetProperty("replicas").GetInt32(), deployment.GetProperty("spec").GetProperty("strategy").GetProperty("type").GetString());

    public static JsonElement Volume(JsonElement deployment, string name) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    public static JsonElement Env(JsonElement container, string name) =>
        Assert.Single(container.GetProperty("env").EnumerateArray(), e => e.GetProperty("name").GetString() == name);

    /// <summary>The Secret and key a variable comes from; it must carry no literal value beside.</summary>
    public static (string? Secret, string? Key) SecretReference(JsonElement env)
    {
        Assert.False(env.TryGetProperty("value", out _), "a secret variable must not carry a literal value");
        var reference = env.GetProperty("valueFrom").GetProperty("secretKeyRef");
        return (reference.GetProperty("name").GetString(), reference.GetProperty("key").GetString());
    }

    public static string? Config(RenderedChart rendered, string configMap, string key) =>
        rendered.Single("ConfigMap", configMap).GetProperty("data").GetProperty(key).GetString();

    public static List<JsonElement> Egress(RenderedChart rendered, string policy) =>
        [.. rendered.Single("NetworkPolicy", policy).GetProperty("spec").GetProperty("egress").EnumerateArray()];

    public static IEnumerable<int> Ports(JsonElement rule) => rule.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("port").GetInt32());

    public static string? PeerNamespace(JsonElement rule) =>
        rule.TryGetProperty("to", out var to) && to[0].TryGetProperty("namespaceSelector", out var ns) ? ns.GetProperty("matchLabels").GetProperty("kubernetes.io/metadata.name").GetString() : null;

    public static string? PodName(JsonElement rule) =>
        rule.TryGetProperty("to", out var to) && to[0].TryGetProperty("podSelector", out var pods) && pods.TryGetProperty("matchLabels", out var labels)
            && labels.TryGetProperty("app.kubernetes.io/name", out var name) ? name.GetString() : null;
}
