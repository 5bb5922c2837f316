using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// At the authorization endpoint, before OpenIddict looks the client up: an https <c>client_id</c> is resolved from its
/// metadata document and registered (or refreshed) as an OpenIddict application, so that OpenIddict's own validation
/// then applies unchanged. A document that cannot be used rejects the request with <c>invalid_client</c> and a
/// description naming the problem; it is shown to the user, not sent to an unverified redirect URI.
/// </summary>
internal sealed partial class ResolveClientMetadataDocument(
    IOptions<ClientMetadataDocumentOptions> options,
    ClientMetadataDocumentResolver resolver,
    ClientMetadataDocumentApplications applications,
    ILogger<ResolveClientMetadataDocument> logger)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseScopedHandler<ResolveClientMetadataDocument>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateClientIdParameter.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var clientId = context.ClientId;
        if (!options.Value.Enabled || !ClientIdMetadataDocumentUrl.IsCandidate(clientId))
        {
            return;
        }

        try
        {
            var metadata = await resolver.ResolveAsync(clientId!, context.CancellationToken);
            await applications.ApplyAsync(clientId!, metadata, context.CancellationToken);
        }
        catch (ClientMetadataDocumentException exception)
        {
            LogRejected(logger, exception.Message);
            context.Reject(Errors.InvalidClient, exception.Message);
        }
    }

    [LoggerMessage(EventId = 1220, Level = LogLevel.Warning, Message = "Refused a metadata-document client: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
