namespace McpSecure.Bench;

/// <summary>
/// One way to the same MCP server: its URL, the headers a client sends on it, and whose CPU counts as the protection
/// (<paramref name="ProxyPids"/>: the gateway or nginx; <paramref name="ProviderPids"/>: the provider, when the path calls it).
/// </summary>
internal sealed record BenchPath(string Name, Uri Url, IReadOnlyDictionary<string, string> Headers,
    Func<IReadOnlyList<int>> ProxyPids, Func<IReadOnlyList<int>> ProviderPids, int? RssPid)
{
    public const string Direct = "direct";
    public const string GatewayJwt = "gateway-jwt";
    public const string GatewayIntrospection = "gateway-introspection";
    public const string Nginx = "nginx-design";
}
