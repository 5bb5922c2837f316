using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace McpSecure.Identity.Endpoints;

/// <summary>Results that hand an OAuth error back to OpenIddict, which renders it for the endpoint at hand.</summary>
internal static class OpenIddictResults
{
    /// <summary>
    /// An error response: a redirect to the client for the authorization endpoint, a JSON error for the
    /// token endpoint.
    /// </summary>
    public static IResult Forbid(string error, string description) =>
        Results.Forbid(ErrorProperties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>A 401 with a <c>WWW-Authenticate</c> error, for bearer-token endpoints such as userinfo.</summary>
    public static IResult Challenge(string error, string description) =>
        Results.Challenge(ErrorProperties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static AuthenticationProperties ErrorProperties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
}
