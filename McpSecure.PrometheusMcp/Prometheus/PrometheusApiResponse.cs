using System.Text.Json.Serialization;

namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>The envelope of every Prometheus HTTP API answer (<c>/api/v1/*</c>).</summary>
internal sealed record PrometheusApiResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("warnings")] string[]? Warnings);
