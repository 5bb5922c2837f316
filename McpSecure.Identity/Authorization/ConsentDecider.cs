using System.Collections.Immutable;
using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// Decides, from the application's OpenIddict consent type, whether the user must be asked before a code is
/// issued, and remembers a consent the user gave as a permanent authorization.
/// </summary>
/// <remarks>
/// Realm clients are seeded with <see cref="ConsentTypes.Implicit"/> (Keycloak <c>consentRequired: false</c>):
/// no consent page. Dynamically registered clients are <see cref="ConsentTypes.Explicit"/>: the consent page is
/// shown until the user has allowed the scopes once (and again on <c>prompt=consent</c>).
/// The permanent authorization only records the consent; the tokens of each login are bound to an ad-hoc
/// authorization that OpenIddict creates, so that refresh token reuse revokes that login's tokens only.
/// </remarks>
internal sealed class ConsentDecider(
    IOpenIddictApplicationManager applicationManager,
    IOpenIddictAuthorizationManager authorizationManager)
{
    public async Task<ConsentDecision> DecideAsync(
        object application, string subject, ImmutableArray<string> scopes, OpenIddictRequest request,
        CancellationToken cancellationToken)
    {
        var applicationId = await applicationManager.GetIdAsync(application, cancellationToken);

        object? existing = null;
        await foreach (var authorization in authorizationManager.FindAsync(
            subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, cancellationToken))
        {
            existing = authorization;
        }

        var consentType = await applicationManager.GetConsentTypeAsync(application, cancellationToken);
        var isGranted = IsGrantedWithoutAsking(consentType, existing is not null, request.HasPromptValue(PromptValues.Consent));
        return new ConsentDecision(isGranted, existing);
    }

    /// <summary>The consent policy: whether a code may be issued without showing the consent page.</summary>
    /// <param name="consentType">The application's OpenIddict consent type.</param>
    /// <param name="hasPermanentConsent">The user has allowed these scopes for this application before.</param>
    /// <param name="asksForConsent">The request carries <c>prompt=consent</c>.</param>
    public static bool IsGrantedWithoutAsking(string? consentType, bool hasPermanentConsent, bool asksForConsent) =>
        consentType switch
        {
            ConsentTypes.Implicit => true,
            ConsentTypes.External or ConsentTypes.Explicit => hasPermanentConsent && !asksForConsent,
            _ => false, // Systematic: ask every time.
        };

    /// <summary>Records that the user allowed <paramref name="principal"/>'s scopes for the application.</summary>
    public async Task RememberConsentAsync(
        ClaimsPrincipal principal, ConsentDecision decision, string subject, object application,
        CancellationToken cancellationToken)
    {
        if (decision.ExistingConsent is not null)
        {
            return;
        }

        await authorizationManager.CreateAsync(
            principal: principal,
            subject: subject,
            client: await applicationManager.GetIdAsync(application, cancellationToken) ?? string.Empty,
            type: AuthorizationTypes.Permanent,
            scopes: principal.GetScopes(),
            cancellationToken: cancellationToken);
    }
}
