namespace McpSecure.Gateway.McpRequests;

/// <summary>How the gateway reads MCP POST bodies to learn the method and tool. Section <c>Gateway:McpRequests</c>.</summary>
public sealed class McpRequestOptions
{
    public const string SectionName = "Gateway:McpRequests";

    /// <summary>Largest POST body the gateway buffers to check (1 MiB); a larger one gets 413. Responses are never buffered.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
