using McpSecure.Identity.OpenIddictServer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server.AspNetCore;

namespace McpSecure.Identity.Endpoints;

/// <summary>
/// <c>/connect/endsession</c> (alias <c>/connect/logout</c>): ends the login session and lets OpenIddict redirect
/// to the validated <c>post_logout_redirect_uri</c>, or to the home page. No confirmation page (dev provider).
/// </summary>
public static class EndSessionEndpoint
{
    public static IEndpointRouteBuilder MapEndSessionEndpoint(this IEndpointRouteBuilder endpoints)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        // As a Delegate, not a RequestDelegate: the returned IResult must be executed.
        Delegate handler = HandleAsync;
        endpoints.MapMethods(ServerEndpointPaths.Rooted(ServerEndpointPaths.EndSession), methods, handler);
        endpoints.MapMethods(ServerEndpointPaths.Rooted(ServerEndpointPaths.Logout), methods, handler);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context)
    {
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
