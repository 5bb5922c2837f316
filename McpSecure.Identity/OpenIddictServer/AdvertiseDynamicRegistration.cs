using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// What the discovery documents must say for self-registering public clients, which OpenIddict does not say by
/// itself: <c>registration_endpoint</c> (RFC 8414 §2; the endpoint is ours, OpenIddict has none) and
/// <c>none</c> among the token and revocation endpoint authentication methods (public clients authenticate with
/// PKCE, not a secret).
/// </summary>
internal sealed class AdvertiseDynamicRegistration(IOptions<IdentityProviderOptions> options)
    : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public const string RegistrationEndpointMetadata = "registration_endpoint";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdvertiseDynamicRegistration>()
            // After the built-in handlers have filled in the authentication methods.
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachAdditionalMetadata.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata[RegistrationEndpointMetadata] = new Uri(options.Value.IssuerUri, ServerEndpointPaths.Registration).AbsoluteUri;
        context.TokenEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.None);
        context.RevocationEndpointAuthenticationMethods.Add(ClientAuthenticationMethods.None);
        return ValueTask.CompletedTask;
    }
}
