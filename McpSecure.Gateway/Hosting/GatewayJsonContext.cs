using System.Text.Json.Serialization;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Discovery;

namespace McpSecure.Gateway.Hosting;

/// <summary>
/// Source-generated JSON for every document the gateway writes: no reflection at run time, as the native AOT binary
/// requires (and the analyzers enforce: <c>IsAotCompatible</c> in the project file).
/// </summary>
[JsonSerializable(typeof(OAuthErrorResponse))]
[JsonSerializable(typeof(ProtectedResourceMetadata))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
