using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecure.PrometheusMcp;

/// <summary>The envelope of every Prometheus HTTP API answer (<c>/api/v1/*</c>).</summary>
public sealed record PrometheusApiResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("warnings")] string[]? Warnings);

/// <summary>A Prometheus API error, with Prometheus's own type and message.</summary>
public sealed class PrometheusApiException(string message) : Exception(message);
