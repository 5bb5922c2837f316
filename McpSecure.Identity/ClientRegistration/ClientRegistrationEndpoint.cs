using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using McpSecure.Identity.Authorization;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Endpoints;
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
/// (<see cref="RegistrationRateLimiter"/>): over the limit, 429 with <c>Retry-After</c> and an error that says why.
/// </summary>
internal static partial class ClientRegistrationEndpoint
{
    private const int MaxBodyBytes = 16 * 1024;
    private const string ClientIdPrefix = "mcp-dyn-";

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        ClientMetadataValidator validator,
        RegistrationRateLimiter rateLimiter,
        IOpenIddictApplicationManager applicationManager,
        RealmFileReader realmFile,
        IOptions<IdentityProviderOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";

        if (!context.Request.HasJsonContentType())
        {
            return BadRequest(ClientRegistrationErrors.Metadata("The request must be a JSON document (Content-Type: application/json)."));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return BadRequest(ClientRegistrationErrors.Metadata($"The client metadata may be at most {MaxBodyBytes} bytes."));
        }

        var (body, problem) = await ClientMetadataJson.ReadAsync(context.Request.Body, MaxBodyBytes, cancellationToken);
        switch (problem)
        {
            case ClientMetadataJsonProblem.TooLarge:
                return BadRequest(ClientRegistrationErrors.Metadata($"The client metadata may be at most {MaxBodyBytes} bytes."));
            case ClientMetadataJsonProblem.NotUtf8:
                return BadRequest(ClientRegistrationErrors.Metadata("The request body is not valid UTF-8; client metadata is UTF-8 encoded JSON."));
            case ClientMetadataJsonProblem.NotJson:
                return BadRequest(ClientRegistrationErrors.Metadata("The request body is not valid JSON."));
        }

        if (!validator.TryValidate(body, out var metadata, out var error))
        {
            return BadRequest(error!);
        }

        if (!rateLimiter.TryAcquire(context.Connection.RemoteIpAddress, out var retryAfter))
        {
            return TooManyRegistrations(context, rateLimiter.PermitsPerWindow, retryAfter);
        }

        var clientId = ClientIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var issuedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = metadata!.ClientName ?? clientId,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Explicit,
        };
        descriptor.Properties[RegisteredClientMarker.PropertyName] = JsonSerializer.SerializeToElement(issuedAt);
        descriptor.RedirectUris.UnionWith(metadata.RedirectUris);
        ClientPermissions.AllowInteractiveLogin(descriptor);
        ClientPermissions.AllowRealmScopesAndResources(descriptor, realmFile.Realm, options.Value.ResourceIdentifiers);

        await applicationManager.CreateAsync(descriptor, cancellationToken);
        LogClientRegistered(loggerFactory.CreateLogger(typeof(ClientRegistrationEndpoint)), clientId, metadata.ClientName, metadata.RedirectUris);

        var response = new ClientRegistrationResponse(
            ClientId: clientId,
            ClientIdIssuedAt: issuedAt,
            ClientName: descriptor.DisplayName,
            RedirectUris: metadata.RedirectUris.Select(uri => uri.OriginalString).ToArray(),
            GrantTypes: metadata.GrantTypes,
            ResponseTypes: [ResponseTypes.Code],
            TokenEndpointAuthMethod: ClientAuthenticationMethods.None,
            Scope: string.Join(' ', metadata.Scopes));
        return Results.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static IResult BadRequest(OAuthErrorResponse error) =>
        Results.Json(error, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooManyRegistrations(HttpContext context, int permitsPerMinute, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var error = new OAuthErrorResponse(
            ClientRegistrationErrors.TooManyRegistrations,
            $"Too many client registrations from this address: at most {permitsPerMinute} per minute. Retry in {seconds} s.");
        return Results.Json(error, statusCode: StatusCodes.Status429TooManyRequests);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Registered public client {ClientId} ({ClientName}) with redirect URIs {RedirectUris}")]
    private static partial void LogClientRegistered(ILogger logger, string clientId, string? clientName, IReadOnlyList<Uri> redirectUris);
}
