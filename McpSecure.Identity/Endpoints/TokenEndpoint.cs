using System.Security.Claims;
using McpSecure.Identity.Authorization;
using McpSecure.Identity.Data;
using McpSecure.Identity.Realm;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Endpoints;

/// <summary>
/// <c>/connect/token</c>, after OpenIddict has validated the request. For the authorization_code and
/// refresh_token grants (code or refresh token, PKCE verifier, redirect_uri, refresh token reuse): re-reads the
/// user (deleted or locked out users get <c>invalid_grant</c>) and applies RFC 8707 narrowing of the audience.
/// For client_credentials (client secret already checked): a token for the machine client itself. For the RFC 8693
/// token exchange (federation mode, kept upstream tokens): <see cref="UpstreamTokens.TokenExchangeEndpoint"/>.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        UserManager<AccountUser> userManager,
        SignInManager<AccountUser> signInManager,
        TokenPrincipalFactory principals,
        MachinePrincipalFactory machinePrincipals,
        RealmFileReader realmFile,
        CancellationToken cancellationToken)
    {
        var request = context.GetValidatedOpenIddictRequest();

        if (request.IsClientCredentialsGrantType())
        {
            ClaimsPrincipal machine;
            try
            {
                machine = await machinePrincipals.CreateAsync(request, cancellationToken);
            }
            catch (ScopeNotAllowedException refused)
            {
                return OpenIddictResults.Forbid(Errors.InvalidScope, refused.Message);
            }
            return Results.SignIn(machine, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsTokenExchangeGrantType())
        {
            // Enabled only in federation mode with Identity:Federation:UpstreamTokens:Keep.
            return await UpstreamTokens.TokenExchangeEndpoint.HandleAsync(context, request, cancellationToken);
        }

        // OpenIddict rejects every other grant type before this point (only these, and token exchange, are enabled).
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            throw new InvalidOperationException($"The grant type '{request.GrantType}' is not supported.");
        }

        var issued = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("The authorization code or refresh token principal cannot be retrieved.");

        var user = await userManager.FindByIdAsync(issued.GetClaim(Claims.Subject) ?? string.Empty);
        if (user is null || !await signInManager.MaySignInAsync(user))
        {
            return OpenIddictResults.Forbid(Errors.InvalidGrant, "The token is no longer valid: the user may not sign in.");
        }

        if (!ResourceIndicators.TrySelectForTokenRequest(request, issued.GetResources(), out var resources))
        {
            return OpenIddictResults.Forbid(Errors.InvalidTarget, "The requested resource was not granted by the authorization.");
        }

        var principal = await principals.RefreshAsync(issued, user);
        principal.SetResources(resources);
        // Roles are re-read on refresh: a user who lost the role a granted scope needs (realm scopeMappings) must log in again.
        if (ScopeRoleRequirements.Refusal(realmFile.Realm, principal.GetScopes(), await userManager.GetRolesAsync(user), user.UserName) is { } refusal)
        {
            return OpenIddictResults.Forbid(Errors.InvalidGrant, $"The token is no longer valid: {refusal}");
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
