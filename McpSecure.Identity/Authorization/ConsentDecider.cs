using System.Collections.Immutable;
using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <param name="IsGranted">Whether the authorization may be issued without asking the user.</param>
/// <param name="ExistingAuthorization">A permanent OpenIddict authorization covering the scopes, if any.</param>
public sealed record ConsentDecision(bool IsGranted, object? ExistingAuthorization);

/// <summary>
/// Decides, from the application's OpenIddict consent type, whether the user must be asked before a code is
/// issued, and records the grant as a permanent authorization (refresh tokens are bound to it, so revoking
/// it revokes them).
/// </summary>
/// <remarks>
/// Realm clients are seeded with <see cref="ConsentTypes.Implicit"/> (Keycloak <c>consentRequired: false</c>):
/// no consent page. <see cref="ConsentTypes.Explicit"/> and <see cref="ConsentTypes.Systematic"/> clients
/// (e.g. dynamically registered ones, later) need a consent page that does not exist yet: until then they
/// get <c>consent_required</c>, unless the user already holds a permanent authorization for the scopes.
/// Adding that page means: when <see cref="ConsentDecision.IsGranted"/> is false and prompt is not
/// <c>none</c>, render it, and on "allow" call <see cref="RecordAsync"/>.
/// </remarks>
public sealed class ConsentDecider(
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
        var isGranted = consentType switch
        {
            ConsentTypes.Implicit => true,
            ConsentTypes.External or ConsentTypes.Explicit =>
                existing is not null && !request.HasPromptValue(PromptValues.Consent),
            _ => false, // Systematic: ask every time.
        };

        return new ConsentDecision(isGranted, existing);
    }

    /// <summary>Reuses or creates the permanent authorization and attaches its id to the principal.</summary>
    public async Task RecordAsync(
        ClaimsPrincipal principal, ConsentDecision decision, string subject, object application,
        CancellationToken cancellationToken)
    {
        var authorization = decision.ExistingAuthorization ?? await authorizationManager.CreateAsync(
            principal: principal,
            subject: subject,
            client: await applicationManager.GetIdAsync(application, cancellationToken) ?? string.Empty,
            type: AuthorizationTypes.Permanent,
            scopes: principal.GetScopes(),
            cancellationToken: cancellationToken);

        principal.SetAuthorizationId(await authorizationManager.GetIdAsync(authorization, cancellationToken));
    }
}
