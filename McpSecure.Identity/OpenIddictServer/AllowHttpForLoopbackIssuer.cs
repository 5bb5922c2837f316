using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// OpenIddict refuses plain-http requests unless told otherwise. Allowed only when the issuer is an http URL
/// on a loopback host (<see cref="IdentityProviderOptionsValidator"/> rejects any other http issuer).
/// </summary>
internal sealed partial class AllowHttpForLoopbackIssuer(
    IOptions<IdentityProviderOptions> identityOptions,
    ILogger<AllowHttpForLoopbackIssuer> logger) : IConfigureOptions<OpenIddictServerAspNetCoreOptions>
{
    public void Configure(OpenIddictServerAspNetCoreOptions options)
    {
        var provider = identityOptions.Value;
        if (!provider.IsLoopbackHttpIssuer)
        {
            return;
        }

        options.DisableTransportSecurityRequirement = true;
        LogTransportSecurityDisabled(logger, provider.Issuer);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning,
        Message = "Issuer {Issuer} uses plain http on a loopback host: the transport security requirement is disabled. " +
            "This is for local development only.")]
    private static partial void LogTransportSecurityDisabled(ILogger logger, string? issuer);
}
