using McpSecure.Identity.Pages.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;

namespace McpSecure.Identity.Endpoints;

/// <summary>
/// <c>/connect/endsession</c> (alias <c>/connect/logout</c>): ends the login session and lets OpenIddict redirect
/// to the validated <c>post_logout_redirect_uri</c>, or to the home page. No confirmation page (dev provider).
/// </summary>
internal static class EndSessionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = AccountPages.HomePath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
