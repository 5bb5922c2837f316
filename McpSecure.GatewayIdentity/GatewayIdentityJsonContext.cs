using System.Text.Json.Serialization;

namespace McpSecure.GatewayIdentity;

/// <summary>Source-generated JSON for what this library writes (trimming and native AOT safe).</summary>
[JsonSerializable(typeof(GatewayIdentityError))]
internal sealed partial class GatewayIdentityJsonContext : JsonSerializerContext;
