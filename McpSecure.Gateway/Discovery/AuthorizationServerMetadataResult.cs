using System.Text.Json.Nodes;

namespace McpSecure.Gateway.Discovery;

/// <summary>The provider's discovery document, or why there is none to serve.</summary>
internal sealed record AuthorizationServerMetadataResult(JsonObject? Document, string? Problem);
