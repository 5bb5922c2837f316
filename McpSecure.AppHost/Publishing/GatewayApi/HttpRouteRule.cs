using System.Text.Json.Serialization;

namespace McpSecure.AppHost.Publishing.GatewayApi;

/// <summary>One rule of an <see cref="HttpRoute"/>: requests whose path starts with <see cref="PathPrefix"/> go to the backends.</summary>
internal sealed class HttpRouteRule
{
    [JsonIgnore]
    public string PathPrefix { get; set; } = "/";

    [JsonPropertyName("matches")]
    public IList<Dictionary<string, Dictionary<string, string>>> Matches =>
        [new() { ["path"] = new() { ["type"] = "PathPrefix", ["value"] = PathPrefix } }];

    [JsonPropertyName("backendRefs")]
    public IList<HttpRouteBackendReference> BackendRefs { get; set; } = [];
}
