using System.Text.Json.Serialization;

namespace McpSecure.AppHost.Publishing.GatewayApi;

/// <summary>The <c>spec</c> of an <see cref="HttpRoute"/>: the Gateway it attaches to, its host names and rules.</summary>
internal sealed class HttpRouteSpec
{
    /// <summary>The Gateways (listeners) the route attaches to; the chart takes them from values.</summary>
    [JsonPropertyName("parentRefs")]
    public IList<HttpRouteBackendReference>? ParentRefs { get; set; }

    [JsonPropertyName("hostnames")]
    public IList<string>? Hostnames { get; set; }

    [JsonPropertyName("rules")]
    public IList<HttpRouteRule> Rules { get; set; } = [];
}
