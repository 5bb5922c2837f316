using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace McpSecure.AppHost.Publishing.GatewayApi;

/// <summary>
/// A Gateway API <c>HTTPRoute</c> (gateway.networking.k8s.io/v1), typed like KubernetesClient's models, which do not
/// include the Gateway API. Only the fields the chart writes.
/// </summary>
internal sealed class HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "gateway.networking.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "HTTPRoute";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public HttpRouteSpec Spec { get; set; } = new();
}
