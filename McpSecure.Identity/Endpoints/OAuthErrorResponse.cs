using System.Text.Json.Serialization;

namespace McpSecure.Identity.Endpoints;

/// <summary>
/// The body of every OAuth error this provider writes itself (<c>{"error", "error_description"}</c>, RFC 6749
/// §5.2 and RFC 7591 §3.2.2). Errors of the OpenIddict endpoints are rendered by OpenIddict
/// (<see cref="OpenIddictResults"/>).
/// </summary>
/// <param name="Error">The machine-readable error code, e.g. <c>invalid_client_metadata</c>.</param>
/// <param name="ErrorDescription">What was wrong, naming the field or the limit, for the developer of the client.</param>
internal sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
