namespace McpSecure.Gateway.Proxy;

/// <summary>The one YARP route and cluster: the MCP endpoint and the MCP server behind it.</summary>
internal static class McpRoute
{
    public const string RouteId = "mcp";
    public const string ClusterId = "mcp-server";
    public const string DestinationId = "mcp-server";

    /// <summary>Streamable HTTP: POST sends messages, GET opens the server's SSE stream, DELETE ends a session.</summary>
    public static readonly string[] Methods = ["GET", "POST", "DELETE"];
}
