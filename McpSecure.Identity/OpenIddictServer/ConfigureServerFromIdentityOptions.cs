using McpSecure.Identity.Authorization;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Keys;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// The parts of the OpenIddict server configuration that come from <c>Identity:*</c> and the realm file.
/// Applied through the options pipeline (after the builder calls in <see cref="OpenIddictServerExtensions"/>,
/// before OpenIddict's own validation) so they use validated options and are read once.
/// </summary>
internal sealed class ConfigureServerFromIdentityOptions(
    IOptions<IdentityProviderOptions> identityOptions,
    RealmFileReader realmFile,
    ServerKeyRing keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var provider = identityOptions.Value;

        // What SetIssuer() does: discovery, tokens and the RFC 9207 "iss" parameter use this value,
        // never one inferred from the Host header.
        options.Issuer = provider.IssuerUri;
        options.AccessTokenLifetime = provider.AccessTokenLifetime;

        // RFC 8707: a "resource" outside this list is rejected with invalid_target.
        options.Resources.UnionWith(provider.ResourceIdentifiers.Select(resource => new Uri(resource, UriKind.Absolute)));

        // Listed in scopes_supported; the realm scopes are also stored (with their resources) by the seeder.
        options.Scopes.UnionWith(StandardScopes.WithRealmScopes(realmFile.Realm));

        // PKCE with S256 only: "plain" offers no protection against an intercepted code.
        options.CodeChallengeMethods.Clear();
        options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);

        // All published keys are signing credentials (so the JWKS lists them and OpenIddict validates tokens
        // signed by the previous key), the active key first: OpenIddict signs with the first one.
        // OpenIddictStartupCheck verifies that OpenIddict kept this order.
        foreach (var key in keys.SigningKeys.Published)
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            keys.EncryptionKey, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
