using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// Rejects authorization requests without <c>redirect_uri</c>. OpenIddict would otherwise default it to the
/// client's only registered redirect URI; ours are loopback patterns (<c>http://127.0.0.1/*</c>), which are
/// not usable as a destination. OAuth 2.1 clients (and every MCP client) send it anyway.
/// </summary>
internal sealed class RequireRedirectUriParameter : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<RequireRedirectUriParameter>()
            // Before the built-in handler that would fill in a missing redirect_uri.
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (string.IsNullOrEmpty(context.RedirectUri))
        {
            context.Reject(
                error: Errors.InvalidRequest,
                description: "The mandatory 'redirect_uri' parameter is missing.");
        }

        return ValueTask.CompletedTask;
    }
}
