using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// Stands in for OpenIddict's check that a presented token was issued to or for the client presenting it
/// (<c>ValidateAuthorizedParty</c> of the token endpoint). For every grant but the token exchange it runs that check
/// unchanged. For the token exchange, the subject token is the user's token for the gateway, whose audience is the
/// gateway's resource, not the MCP server's client id: the client behind that resource exchanges it, and
/// <see cref="TokenExchangeRequestCheck"/> decides instead (a configured exchange client, a user's token for one of our
/// resources, not a token the client got for itself).
/// </summary>
internal sealed class AuthorizedPartyForUpstreamTokenExchange : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    private readonly OpenIddictServerHandlers.Exchange.ValidateAuthorizedParty _builtIn = new();

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<AuthorizedPartyForUpstreamTokenExchange>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthorizedParty.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context) =>
        context.Request.IsTokenExchangeGrantType() ? ValueTask.CompletedTask : _builtIn.HandleAsync(context);
}
