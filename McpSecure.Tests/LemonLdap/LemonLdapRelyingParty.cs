namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// One client registered at the LemonLDAP::NG test instance (<c>oidcRPMetaDataOptions</c>): public with PKCE unless
/// <see cref="ClientSecret"/> is set, exact redirect URIs, RS256 JWT access tokens whose <c>aud</c> is the client id plus
/// <see cref="AdditionalAudiences"/> (LemonLDAP::NG ignores RFC 8707 <c>resource</c>), and the provider's own consent
/// bypassed (an organisation's first-party client).
/// </summary>
/// <param name="ScopeRules">Scopes LemonLDAP::NG grants by rule (<c>oidcRPMetaDataScopeRules</c>), e.g. <c>inGroup("timelords")</c>;
/// with <c>oidcServiceAllowOnlyDeclaredScopes</c> on, these and the OIDC scopes are the only ones a token can carry.</param>
public sealed record LemonLdapRelyingParty(
    string ClientId,
    IReadOnlyList<string> RedirectUris,
    string? ClientSecret = null,
    IReadOnlyList<string>? AdditionalAudiences = null,
    IReadOnlyDictionary<string, string>? ScopeRules = null);
