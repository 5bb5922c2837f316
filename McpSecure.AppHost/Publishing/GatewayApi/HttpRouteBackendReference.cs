using System.Text.Json.Serialization;

namespace McpSecure.AppHost.Publishing.GatewayApi;

/// <summary>A Service (or, as a parent reference, a Gateway) an <see cref="HttpRoute"/> names.</summary>
internal sealed class HttpRouteBackendReference
{
    [JsonPropertyName("name")]
    public required string Name { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }
}
