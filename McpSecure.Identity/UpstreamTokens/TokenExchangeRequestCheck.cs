using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// The checks of a token-exchange request for an upstream token, after OpenIddict has authenticated the client and
/// validated the subject token (signature, expiry, revocation): the client is one of
/// <see cref="UpstreamTokenOptions.ExchangeClients"/> (else <c>unauthorized_client</c>); the subject token is one of our
/// access tokens for the gateway, issued to a user through another client (else <c>invalid_grant</c>: a machine token,
/// a token for another resource, or a token the exchanging client got for itself); an access token is asked for (else
/// <c>invalid_request</c>); exactly one target, from <see cref="UpstreamTokenOptions.Audiences"/> (else <c>invalid_target</c>).
/// </summary>
internal static class TokenExchangeRequestCheck
{
    /// <param name="clientId">The authenticated client.</param>
    /// <param name="requestedTokenType">The <c>requested_token_type</c>, or null.</param>
    /// <param name="targets">Every <c>audience</c> and <c>resource</c> value of the request.</param>
    /// <param name="subject">The subject token's <c>sub</c>.</param>
    /// <param name="subjectClientId">The client the subject token was issued to.</param>
    /// <param name="subjectAudiences">The subject token's audiences.</param>
    /// <param name="gatewayResources">The resources our tokens are for (<c>Identity:Resources</c>).</param>
    public static TokenExchangeRefusal? Refusal(
        UpstreamTokenOptions options,
        string clientId,
        string? requestedTokenType,
        IReadOnlyCollection<string> targets,
        string? subject,
        string? subjectClientId,
        IReadOnlyCollection<string> subjectAudiences,
        IReadOnlyCollection<string> gatewayResources)
    {
        if (!options.ExchangeClients.Contains(clientId, StringComparer.Ordinal))
        {
            return new(Errors.UnauthorizedClient,
                $"The client '{clientId}' may not exchange tokens for upstream tokens ({UpstreamTokenOptions.SectionName}:ExchangeClients).");
        }
        if (requestedTokenType is { Length: > 0 } && requestedTokenType != TokenTypeIdentifiers.AccessToken)
        {
            return new(Errors.InvalidRequest,
                $"The requested_token_type '{requestedTokenType}' is not issued here: only {TokenTypeIdentifiers.AccessToken}.");
        }
        if (targets.Count != 1)
        {
            return new(Errors.InvalidTarget, targets.Count == 0
                ? $"Name the upstream API in 'audience': one of {string.Join(", ", options.Audiences)}."
                : "Name exactly one upstream API ('audience' or 'resource'): one upstream token is for one audience.");
        }
        var target = targets.First();
        if (!options.Audiences.Contains(target, StringComparer.Ordinal))
        {
            return new(Errors.InvalidTarget,
                $"The audience '{target}' is not one an upstream token may be exchanged for ({UpstreamTokenOptions.SectionName}:Audiences).");
        }
        if (string.IsNullOrEmpty(subject) || subject == subjectClientId)
        {
            return new(Errors.InvalidGrant, "The subject token does not stand for a user (a client's own token has no upstream identity).");
        }
        if (subjectClientId == clientId)
        {
            return new(Errors.InvalidGrant,
                $"The subject token was issued to '{clientId}' itself: present the token the user's MCP client got for the gateway.");
        }
        if (!subjectAudiences.Any(gatewayResources.Contains))
        {
            return new(Errors.InvalidGrant, "The subject token is not an access token for the gateway (its audience names none of this server's resources).");
        }
        return null;
    }
}
