using McpSecure.Identity.Configuration;
using McpSecure.Identity.Keys;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Federation;

/// <summary>
/// The OpenIddict client's registration of the upstream provider, from <c>Identity:Federation:*</c>: its issuer
/// (discovery is read from it, and every response must come from it), the pre-registered client, the scopes and our
/// redirect URI. The client's own <c>state</c> tokens are signed and encrypted with the server's persisted keys, so a
/// sign-in in progress survives a restart and any replica sharing the data folder can complete it.
/// </summary>
internal sealed class ConfigureClientFromFederationOptions(
    IOptions<FederationOptions> federationOptions,
    IOptions<IdentityProviderOptions> identityOptions,
    ServerKeyRing keys) : IConfigureOptions<OpenIddictClientOptions>
{
    /// <summary>The registration's provider name (one upstream provider).</summary>
    public const string ProviderName = "upstream";

    public void Configure(OpenIddictClientOptions options)
    {
        var federation = federationOptions.Value;
        var identity = identityOptions.Value;

        var registration = new OpenIddictClientRegistration
        {
            Issuer = new Uri(federation.Issuer!, UriKind.Absolute),
            ProviderName = ProviderName,
            ProviderDisplayName = federation.DisplayName,
            ClientId = federation.ClientId,
            ClientSecret = string.IsNullOrEmpty(federation.ClientSecret) ? null : federation.ClientSecret,
            RedirectUri = new Uri(identity.IssuerUri, FederationPaths.CallbackRelative),
        };
        registration.Scopes.UnionWith(federation.EffectiveScopes);
        // Authorization code only (no implicit or hybrid flow: nothing travels in the front channel but the code).
        registration.GrantTypes.Add(GrantTypes.AuthorizationCode);
        registration.ResponseTypes.Add(ResponseTypes.Code);
        // PKCE S256 even when the upstream provider does not advertise it (OpenIddict sends it when advertised).
        registration.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
        options.Registrations.Add(registration);

        // The issuer of the client's state tokens is our issuer, never the Host header of the request that started the
        // sign-in: replicas behind a load balancer (or reached by their own addresses) then accept each other's state.
        options.ClientUri = identity.IssuerUri;

        options.SigningCredentials.Add(new SigningCredentials(keys.SigningKeys.Active, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            keys.EncryptionKey, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
