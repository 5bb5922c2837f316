namespace McpSecure.Bench;

/// <summary>One JSON-RPC request the benchmark sends, as an MCP client sends it (stateless server: no session).</summary>
internal sealed record McpCall(string Name, string Body)
{
    public static readonly McpCall ToolsList = new("tools/list", """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""");
    public static readonly McpCall WhoAmI = new("whoami", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""");
    public static readonly McpCall Initialize = new("initialize",
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcpsecure-bench","version":"1.0"}}}""");

    public const string ProtocolVersion = "2025-06-18";

    public static McpCall Named(string name) => name switch
    {
        "tools/list" => ToolsList,
        "whoami" or "tools/call" => WhoAmI,
        "initialize" => Initialize,
        _ => throw new ArgumentException($"Unknown call '{name}': use tools/list, whoami or initialize."),
    };
}
