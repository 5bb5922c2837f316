using Microsoft.AspNetCore.Authentication;
using OpenIddict.Client.AspNetCore;

namespace McpSecure.Identity.Federation;

/// <summary>
/// <c>GET /federation/login?ReturnUrl=/connect/authorize?...</c>, where the sign-in cookie sends anonymous users in
/// federation mode (instead of the local login page): a challenge to the upstream provider through OpenIddict's
/// client, which sends an authorization code request with PKCE (S256), <c>state</c> (a signed, encrypted, single-use
/// token bound to this browser) and <c>nonce</c>. Only a local return URL is kept.
/// </summary>
internal static class FederatedLoginEndpoint
{
    public static IResult Handle(HttpContext context)
    {
        var returnUrl = context.Request.Query["ReturnUrl"].ToString();
        if (!IsLocal(returnUrl))
        {
            returnUrl = "/";
        }
        return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl },
            [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>A path on this host: starts with one '/', not '//' or '/\' (which browsers treat as another host).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
