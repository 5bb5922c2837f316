using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Client.AspNetCore;

namespace McpSecure.Identity.Federation;

/// <summary>
/// With our issuer on plain http on a loopback host (development, tests), the upstream response arrives over http:
/// OpenIddict's client must accept it, and its correlation cookie (which binds the response to the browser that
/// started the sign-in) cannot be <c>Secure</c>. It stays <c>SameSite=Lax</c>, which the query response mode
/// (a top-level GET) carries. Any other issuer keeps OpenIddict's defaults.
/// </summary>
internal sealed class ConfigureClientCookiesForLoopbackIssuer(IOptions<IdentityProviderOptions> identityOptions)
    : IConfigureOptions<OpenIddictClientAspNetCoreOptions>
{
    public void Configure(OpenIddictClientAspNetCoreOptions options)
    {
        if (!identityOptions.Value.IsLoopbackHttpIssuer)
        {
            return;
        }
        options.DisableTransportSecurityRequirement = true;
        options.CookieBuilder.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.CookieBuilder.SameSite = SameSiteMode.Lax;
    }
}
