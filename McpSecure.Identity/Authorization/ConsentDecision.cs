namespace McpSecure.Identity.Authorization;

/// <summary>What <see cref="ConsentDecider"/> decided for one authorization request.</summary>
/// <param name="IsGranted">Whether the authorization may be issued without asking the user.</param>
/// <param name="ExistingConsent">A permanent OpenIddict authorization covering the scopes, if any.</param>
internal sealed record ConsentDecision(bool IsGranted, object? ExistingConsent);
