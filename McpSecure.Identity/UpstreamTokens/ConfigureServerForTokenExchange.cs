using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// With <c>Identity:Federation:UpstreamTokens:Keep</c>: the token-exchange grant, with our access tokens as the only
/// subject token type, access tokens as the only requested type, and the configured upstream audiences as the only
/// <c>audience</c> values OpenIddict accepts.
/// </summary>
internal sealed class ConfigureServerForTokenExchange(IOptions<UpstreamTokenOptions> options) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions server)
    {
        server.GrantTypes.Add(GrantTypes.TokenExchange);
        server.SubjectTokenTypes.Clear();
        server.SubjectTokenTypes.Add(TokenTypeIdentifiers.AccessToken);
        server.RequestedTokenTypes.Clear();
        server.RequestedTokenTypes.Add(TokenTypeIdentifiers.AccessToken);
        server.Audiences.UnionWith(options.Value.Audiences);
    }
}
