using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Origins;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Registration;

/// <summary>
/// RFC 7591 registration endpoint for providers without one. Every valid request gets the same pre-registered
/// public client id: the provider still enforces PKCE and its own redirect-URI rules, so the shared id grants
/// nothing a client could not already do, and a client needs only the gateway's URL.
/// </summary>
internal static class ClientRegistrationEndpoint
{
    private const int MaxRedirectUris = 10;
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapClientRegistration(this IEndpointRouteBuilder endpoints)
    {
        var registration = endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.ClientRegistration;
        if (registration.IsEnabled)
        {
            endpoints.MapPost(ClientRegistrationOptions.EndpointPath, RegisterAsync).AllowAnonymous().RequireCors(GatewayCorsPolicies.McpClients);
        }
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, IOptions<GatewayOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var registration = options.Value.ClientRegistration;
        if (request.ContentLength is > MaxBodyBytes)
        {
            return Error(OAuthErrorCodes.InvalidClientMetadata, $"The registration request is larger than {MaxBodyBytes} bytes.");
        }
        if (!request.HasJsonContentType())
        {
            return Error(OAuthErrorCodes.InvalidClientMetadata, "The registration request must be JSON (Content-Type: application/json).");
        }

        JsonObject? metadata;
        try
        {
            metadata = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Error(OAuthErrorCodes.InvalidClientMetadata, "The registration request is not valid JSON.");
        }
        if (metadata is null)
        {
            return Error(OAuthErrorCodes.InvalidClientMetadata, "The registration request must be a JSON object.");
        }

        if (metadata["redirect_uris"] is not JsonArray { Count: > 0 } redirectArray || redirectArray.Any(u => u is not JsonValue))
        {
            return Error(OAuthErrorCodes.InvalidRedirectUri, "redirect_uris must be a non-empty array of strings.");
        }
        if (redirectArray.Count > MaxRedirectUris)
        {
            return Error(OAuthErrorCodes.InvalidRedirectUri, $"At most {MaxRedirectUris} redirect_uris are accepted.");
        }
        var redirectUris = redirectArray.Select(u => u!.GetValue<string>()).ToArray();
        if (redirectUris.Select(registration.RejectRedirectUri).FirstOrDefault(reason => reason is not null) is { } rejection)
        {
            return Error(OAuthErrorCodes.InvalidRedirectUri, rejection);
        }

        // A request for a shared secret gets the public client instead (RFC 7591 section 3.2.1 lets the server replace
        // metadata; the response says 'none'); key- or certificate-based methods cannot be honoured.
        var authMethod = metadata["token_endpoint_auth_method"] is JsonValue value && value.TryGetValue<string>(out var method) ? method : "none";
        if (authMethod is not ("none" or "client_secret_basic" or "client_secret_post"))
        {
            return Error(OAuthErrorCodes.InvalidClientMetadata,
                $"token_endpoint_auth_method '{authMethod}' is not supported: only public clients ('none', with PKCE) can be registered here.");
        }

        var response = new JsonObject
        {
            ["client_id"] = registration.ClientId,
            ["client_id_issued_at"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["redirect_uris"] = new JsonArray(redirectUris.Select(u => (JsonNode)u).ToArray()),
            ["token_endpoint_auth_method"] = "none",
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["response_types"] = new JsonArray("code"),
        };
        if (metadata["client_name"]?.GetValue<string>() is { } name)
        {
            response["client_name"] = name.Length > 200 ? name[..200] : name;
        }
        return Results.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Error(string error, string description) =>
        Results.Json(new OAuthErrorResponse(error, description), statusCode: StatusCodes.Status400BadRequest);
}
