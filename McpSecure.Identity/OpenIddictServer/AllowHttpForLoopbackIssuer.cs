using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// OpenIddict refuses plain-http requests unless told otherwise. Allowed only when the issuer is an http URL
/// on a loopback host (<see cref="IdentityProviderOptionsValidator"/> rejects any other http issuer).
/// </summary>
public sealed class AllowHttpForLoopbackIssuer(
    IOptions<IdentityProviderOptions> identityOptions,
    ILogger<AllowHttpForLoopbackIssuer> logger) : IConfigureOptions<OpenIddictServerAspNetCoreOptions>
{
    public void Configure(OpenIddictServerAspNetCoreOptions options)
    {
        var settings = identityOptions.Value;
        if (!settings.IsLoopbackHttpIssuer)
        {
            return;
        }

        options.DisableTransportSecurityRequirement = true;
        logger.LogWarning(
            "Issuer {Issuer} uses plain http on a loopback host: the transport security requirement is disabled. " +
            "This is for local development and tests only.", settings.Issuer);
    }
}
