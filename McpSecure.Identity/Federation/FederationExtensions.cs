using McpSecure.Identity.Configuration;
using McpSecure.Identity.Pages.Account;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;

namespace McpSecure.Identity.Federation;

internal static class FederationExtensions
{
    /// <summary>
    /// Federation mode, when <c>Identity:Federation:Issuer</c> is set: OpenIddict's client (authorization code with PKCE,
    /// state, nonce, issuer checks) towards the upstream provider, the sign-in cookie's login path pointed at the
    /// challenge, and the local record of upstream users. Options are always bound and validated.
    /// </summary>
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FederationOptions, FederationOptionsValidator>(FederationOptions.SectionName);
        var mode = FederationMode.From(configuration);
        services.AddSingleton(mode);
        if (!mode.IsEnabled)
        {
            return services;
        }

        services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris(FederationPaths.CallbackRelative);
            client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                // Refused responses (state, iss, code) reach FederationCallbackEndpoint too, which answers with a page that names the problem.
                .EnableErrorPassthrough();
            client.UseSystemNetHttp();
        });
        services.AddSingleton<IConfigureOptions<OpenIddictClientOptions>, ConfigureClientFromFederationOptions>();
        services.AddSingleton<IConfigureOptions<OpenIddictClientAspNetCoreOptions>, ConfigureClientCookiesForLoopbackIssuer>();
        services.AddScoped<FederatedUserProvisioner>();
        services.AddSingleton<FederationMetrics>();

        // Anonymous users go to the upstream provider, not to a password form.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            cookie => cookie.LoginPath = FederationPaths.Login);
        // User names come from the upstream provider, whatever characters it allows.
        services.Configure<IdentityOptions>(identity => identity.User.AllowedUserNameCharacters = string.Empty);
        return services;
    }

    /// <summary>
    /// In federation mode: the challenge and callback endpoints, and the local login page answers no more (a GET is
    /// sent to the upstream provider, a POST of a password gets 404).
    /// </summary>
    public static WebApplication MapFederationEndpoints(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<FederationMode>().IsEnabled)
        {
            return app;
        }

        app.MapGet(FederationPaths.Login, FederatedLoginEndpoint.Handle);
        app.MapMethods(FederationPaths.Callback, [HttpMethods.Get, HttpMethods.Post], FederationCallbackEndpoint.HandleAsync);
        return app;
    }

    /// <summary>Middleware: in federation mode there are no local accounts, so the password form is never served.</summary>
    public static WebApplication UseNoLocalAccountsInFederationMode(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<FederationMode>().IsEnabled)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.Equals(AccountPages.LoginPath, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect(FederationPaths.Login + context.Request.QueryString);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("There are no local accounts in federation mode: sign in at the upstream provider.");
        });
        return app;
    }
}
