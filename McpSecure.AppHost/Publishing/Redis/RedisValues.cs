namespace McpSecure.AppHost.Publishing.Redis;

/// <summary>The <c>redis</c> section of values.yaml and its NetworkPolicy peers, when the app model has Redis.</summary>
internal static class RedisValues
{
    public const string Key = "redis";

    public const string Comment =
        "Redis, where the gateway's replicas count each user's requests together (McpSecure:Redis), so that the per-user\n" +
        "limit holds across them. enabled: one hardened pod (uid 999, read-only root file system), no persistence (the counts\n" +
        "live only as long as their window: --save \"\" --appendonly no, /data an emptyDir), reachable only from the gateway's\n" +
        "pods; maxMemory: its cap (below the memory limit), the keys nearest expiry go first when reached. Its password: a\n" +
        "Secret generated at install and kept on upgrades, or existingSecret (a Secret you manage, key \"value\", letters and\n" +
        "digits); the gateway's connection string is built in its pod from that Secret, never written into a ConfigMap.\n" +
        "Your own Redis instead: enabled: false and externalConnectionSecret, a Secret whose key \"value\" is a StackExchange.Redis\n" +
        "connection string (redis.example.internal:6379,password=...,ssl=true), and networkPolicy.egress.redis for its peers.\n" +
        "enabled: false without it: each gateway replica limits each user on its own. If Redis is unreachable, the gateway\n" +
        "falls back to that per-replica limit and says so in its health and logs.";

    public const string NetworkPolicyComment =
        "- redis: the gateway to your Redis when redis.enabled is false and redis.externalConnectionSecret is set: its\n" +
        "  peers (empty: any address) and ports (empty: 6379). The chart's own Redis lets in only the gateway's pods, on 6379,\n" +
        "  and lets nothing out.\n";

    public static Dictionary<string, object> Values(ChartRedis redis) => new()
    {
        ["enabled"] = true,
        ["image"] = new Dictionary<string, object> { ["repository"] = redis.ImageRepository, ["tag"] = redis.ImageTag, ["pullPolicy"] = "IfNotPresent" },
        ["runAsUser"] = ChartRedis.Uid,
        ["maxMemory"] = "192mb",
        ["resources"] = new Dictionary<string, object>
        {
            ["requests"] = new Dictionary<string, object> { ["cpu"] = "50m", ["memory"] = "64Mi" },
            ["limits"] = new Dictionary<string, object> { ["cpu"] = "500m", ["memory"] = "256Mi" },
        },
        ["existingSecret"] = "",
        ["externalConnectionSecret"] = "",
    };

    public static Dictionary<string, object> EgressPeers() => new() { ["to"] = new List<object>(), ["ports"] = new List<object>() };
}
