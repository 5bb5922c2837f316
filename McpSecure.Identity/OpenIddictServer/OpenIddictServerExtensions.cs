using McpSecure.Identity.ClientMetadataDocuments;
using McpSecure.Identity.Data;
using McpSecure.Identity.Keys;
using McpSecure.Identity.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.OpenIddictServer;

internal static class OpenIddictServerExtensions
{
    /// <summary>
    /// OpenIddict core (EF Core stores) and server: authorization code + PKCE (S256 only), rotating refresh
    /// tokens with reuse detection, client credentials,
    /// signed (not encrypted) JWT access tokens, RFC 8707 resources, loopback redirect URIs (RFC 8252).
    /// Values that come from configuration are applied by <see cref="ConfigureServerFromIdentityOptions"/>.
    /// </summary>
    public static IServiceCollection AddOpenIddictServer(this IServiceCollection services)
    {
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<IdentityStoreDbContext>();
                core.ReplaceApplicationManager(typeof(LoopbackRedirectUriApplicationManager<>));
            })
            .AddServer(server =>
            {
                server
                    .SetConfigurationEndpointUris(
                        ServerEndpointPaths.OpenIdConfiguration, ServerEndpointPaths.OAuthAuthorizationServerMetadata)
                    .SetJsonWebKeySetEndpointUris(ServerEndpointPaths.JsonWebKeySet)
                    .SetAuthorizationEndpointUris(ServerEndpointPaths.Authorization)
                    .SetTokenEndpointUris(ServerEndpointPaths.Token)
                    .SetUserInfoEndpointUris(ServerEndpointPaths.UserInfo)
                    .SetEndSessionEndpointUris(ServerEndpointPaths.EndSession, ServerEndpointPaths.Logout)
                    .SetIntrospectionEndpointUris(ServerEndpointPaths.Introspection)
                    .SetRevocationEndpointUris(ServerEndpointPaths.Revocation);

                server
                    .AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();

                // Rotation with reuse detection: each refresh returns a new refresh token, and presenting a
                // redeemed one again (no grace period) is rejected and revokes every token of that login.
                server.SetRefreshTokenReuseLeeway(null);

                // Resource servers (the gateway, any JWT library) must be able to read access tokens.
                server.DisableAccessTokenEncryption();

                server.RegisterClaims(
                    Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.GivenName, Claims.FamilyName,
                    Claims.Email, Claims.EmailVerified, Claims.Role);

                server.AddEventHandler(RequireRedirectUriParameter.Descriptor);
                server.AddEventHandler(AdvertiseDynamicRegistration.Descriptor);
                server.AddEventHandler(AdvertiseClientMetadataDocuments.Descriptor);
                server.AddEventHandler(ResolveClientMetadataDocument.Descriptor);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyRotation>();
        services.AddSingleton<FileServerKeyStore>();
        services.AddSingleton<DatabaseServerKeyStore>();
        services.AddSingleton<IServerKeyStore>(provider =>
            provider.GetRequiredService<IOptions<IdentityStorageOptions>>().Value.IsPostgreSql
                ? provider.GetRequiredService<DatabaseServerKeyStore>()
                : provider.GetRequiredService<FileServerKeyStore>());
        services.AddSingleton<ServerKeyRing>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureServerFromIdentityOptions>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerAspNetCoreOptions>, AllowHttpForLoopbackIssuer>();
        services.AddHostedService<OpenIddictStartupCheck>();

        return services;
    }
}
