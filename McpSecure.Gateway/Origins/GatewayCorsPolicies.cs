namespace McpSecure.Gateway.Origins;

/// <summary>The names of the gateway's CORS policies.</summary>
internal static class GatewayCorsPolicies
{
    /// <summary>The MCP endpoint and client registration: allowed origins only, with the MCP headers.</summary>
    public const string McpClients = "mcp-clients";

    /// <summary>The discovery documents: public, readable from any origin.</summary>
    public const string PublicMetadata = "public-metadata";
}
