using System.Security.Cryptography;
using System.Text.Json;
using McpSecure.Identity.Authorization;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.OpenIddictServer;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// <c>POST /connect/register</c>: open dynamic client registration (RFC 7591) for public MCP clients. A valid
/// request creates an OpenIddict public application (stored in the database, so it survives restarts) with
/// PKCE required, explicit consent (the user sees the consent page), the realm's scopes and the configured
/// resources; the answer is 201 with the client's metadata. Limited per remote address
/// (<see cref="RegistrationRateLimiter"/>).
/// </summary>
public static class ClientRegistrationEndpoint
{
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapClientRegistrationEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ServerEndpointPaths.Rooted(ServerEndpointPaths.Registration), HandleAsync)
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        ClientMetadataValidator validator,
        RegistrationRateLimiter rateLimiter,
        IOpenIddictApplicationManager applicationManager,
        RealmFileReader realmFile,
        IOptions<IdentityProviderOptions> options,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";

        if (!context.Request.HasJsonContentType())
        {
            return Error(ClientRegistrationError.Metadata("The request must be a JSON document (Content-Type: application/json)."));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Error(ClientRegistrationError.Metadata($"The client metadata may be at most {MaxBodyBytes} bytes."));
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(ClientRegistrationError.Metadata("The request body is not valid JSON."));
        }

        if (!validator.TryValidate(body, out var metadata, out var error))
        {
            return Error(error!);
        }

        if (rateLimiter.TryAcquire(context.Connection.RemoteIpAddress) is { } tooMany)
        {
            return tooMany;
        }

        var clientId = "mcp-dyn-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var issuedAt = DateTimeOffset.UtcNow;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = metadata!.ClientName ?? clientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Explicit,
        };
        descriptor.Properties[RegisteredClientMarker.PropertyName] = JsonSerializer.SerializeToElement(issuedAt.ToUnixTimeSeconds());
        descriptor.RedirectUris.UnionWith(metadata.RedirectUris);
        ClientPermissions.AllowInteractiveLogin(descriptor);
        ClientPermissions.AllowRealmScopesAndResources(descriptor, realmFile.Realm, options.Value.ResourceIdentifiers);

        await applicationManager.CreateAsync(descriptor, cancellationToken);
        loggerFactory.CreateLogger(typeof(ClientRegistrationEndpoint)).LogInformation(
            "Registered public client {ClientId} ({ClientName}) with redirect URIs {RedirectUris}",
            clientId, metadata.ClientName, metadata.RedirectUris);

        var response = new Dictionary<string, object?>
        {
            ["client_id"] = clientId,
            ["client_id_issued_at"] = issuedAt.ToUnixTimeSeconds(),
            ["client_name"] = descriptor.DisplayName,
            ["redirect_uris"] = metadata.RedirectUris.Select(uri => uri.OriginalString).ToArray(),
            ["grant_types"] = metadata.GrantTypes,
            ["response_types"] = new[] { ResponseTypes.Code },
            ["token_endpoint_auth_method"] = ClientAuthenticationMethods.None,
            ["scope"] = string.Join(' ', metadata.Scopes),
        };
        return Results.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Error(ClientRegistrationError error) =>
        Results.Json(new Dictionary<string, string>
        {
            ["error"] = error.Error,
            ["error_description"] = error.Description,
        }, statusCode: StatusCodes.Status400BadRequest);
}
