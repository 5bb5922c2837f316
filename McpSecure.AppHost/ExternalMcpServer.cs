namespace McpSecure.AppHost;

/// <summary>The protected MCP server: the resource that runs it, if the app starts it, and its MCP endpoint.</summary>
internal sealed record ExternalMcpServer(IResourceBuilder<IResourceWithEndpoints>? Resource, ReferenceExpression McpEndpoint);
