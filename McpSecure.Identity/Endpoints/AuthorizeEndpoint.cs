using McpSecure.Identity.Authorization;
using McpSecure.Identity.Data;
using McpSecure.Identity.Pages.Account;
using McpSecure.Identity.Realm;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Endpoints;

/// <summary>
/// <c>/connect/authorize</c>, after OpenIddict has validated the request (client, redirect_uri, PKCE S256,
/// scopes, resources). Sends anonymous users to the login page, applies the consent policy (the consent page
/// posts the user's answer back here), and returns the principal from which OpenIddict issues the code
/// (redirect with <c>code</c>, <c>state</c> and the RFC 9207 <c>iss</c>).
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        UserManager<AccountUser> userManager,
        SignInManager<AccountUser> signInManager,
        IOpenIddictApplicationManager applicationManager,
        ConsentDecider consent,
        ResourceIndicators resourceIndicators,
        TokenPrincipalFactory principals,
        RealmFileReader realmFile,
        IAntiforgery antiforgery,
        ConsentRequestBinding consentBinding,
        CancellationToken cancellationToken)
    {
        var request = context.GetValidatedOpenIddictRequest();

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await userManager.GetUserAsync(session.Principal) : null;

        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OpenIddictResults.Forbid(Errors.LoginRequired, "The user is not logged in.");
            }

            // The login page returns the browser here; prompt=login is dropped so it does not loop.
            var returnUrl = await AuthorizationRequestUrlAsync(context.Request);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        if (!await signInManager.MaySignInAsync(user))
        {
            return OpenIddictResults.Forbid(Errors.AccessDenied, "The user may not sign in.");
        }

        var application = await applicationManager.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("The client application cannot be found.");

        var scopes = request.GetScopes();
        // A scope tied to a role the user lacks (realm scopeMappings) is refused here, with a message, not silently dropped.
        if (ScopeRoleRequirements.Refusal(realmFile.Realm, scopes, await userManager.GetRolesAsync(user), user.UserName) is { } refusal)
        {
            return OpenIddictResults.Forbid(Errors.AccessDenied, refusal);
        }

        var consented = ConsentedRequest.Create(user.Id, request.ClientId!, request.RedirectUri, scopes, request.GetResources());
        var answer = await ConsentForm.ReadAnswerAsync(context, antiforgery, consentBinding, consented);
        if (answer == ConsentAnswer.Deny)
        {
            return OpenIddictResults.Forbid(Errors.AccessDenied, "The user denied the authorization request.");
        }

        var decision = await consent.DecideAsync(application, user.Id, scopes, request, cancellationToken);
        if (!decision.IsGranted && answer != ConsentAnswer.Allow)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OpenIddictResults.Forbid(Errors.ConsentRequired, "The user has not consented to this client yet.");
            }

            var returnUrl = await AuthorizationRequestUrlAsync(context.Request);
            return Results.Redirect(AccountPages.ConsentPath + QueryString.Create(AccountPages.ReturnUrlParameter, returnUrl));
        }

        // As Keycloak does, a client allowed to refresh gets a refresh token with every code, even without
        // offline_access: MCP clients such as the TypeScript SDK ask only for the scopes in the resource's challenge.
        if (!scopes.Contains(Scopes.OfflineAccess) &&
            await applicationManager.HasPermissionAsync(application, Permissions.GrantTypes.RefreshToken, cancellationToken))
        {
            scopes = scopes.Add(Scopes.OfflineAccess);
        }

        var principal = await principals.CreateAsync(user, scopes);
        principal.SetResources(await resourceIndicators.SelectForAuthorizationAsync(request, scopes, cancellationToken));
        if (answer == ConsentAnswer.Allow)
        {
            await consent.RememberConsentAsync(principal, decision, user.Id, application, cancellationToken);
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// This authorization request as a local GET URL for the login or consent page to return to: without
    /// <c>prompt=login</c> (it would loop) and without the consent form's own fields.
    /// </summary>
    private static async Task<string> AuthorizationRequestUrlAsync(HttpRequest request)
    {
        var path = request.PathBase + request.Path;
        if (HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey(Parameters.Prompt))
        {
            return path + request.QueryString;
        }

        IEnumerable<KeyValuePair<string, StringValues>> parameters = HttpMethods.IsPost(request.Method) && request.HasFormContentType
            ? await request.ReadFormAsync()
            : request.Query;

        var kept = parameters
            .Where(parameter => !ConsentForm.IsOwnField(parameter.Key))
            .Select(parameter => parameter.Key == Parameters.Prompt
                ? KeyValuePair.Create(parameter.Key, WithoutLoginPrompt(parameter.Value))
                : parameter)
            .Where(parameter => !StringValues.IsNullOrEmpty(parameter.Value));

        return path + QueryString.Create(kept);
    }

    private static StringValues WithoutLoginPrompt(StringValues prompt)
    {
        var remaining = prompt.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(value => value != PromptValues.Login);
        return string.Join(' ', remaining) is { Length: > 0 } joined ? joined : StringValues.Empty;
    }
}
