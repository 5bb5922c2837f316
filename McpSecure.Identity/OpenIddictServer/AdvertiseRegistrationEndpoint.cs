using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// Adds <c>registration_endpoint</c> (RFC 8414 §2) to both discovery documents: the dynamic client registration
/// endpoint is ours (OpenIddict has none), so OpenIddict does not list it by itself.
/// </summary>
public sealed class AdvertiseRegistrationEndpoint(IOptions<IdentityProviderOptions> options)
    : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public const string MetadataName = "registration_endpoint";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdvertiseRegistrationEndpoint>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata[MetadataName] = new Uri(options.Value.IssuerUri, ServerEndpointPaths.Registration).AbsoluteUri;
        return ValueTask.CompletedTask;
    }
}
