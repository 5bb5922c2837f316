using System.Collections.Immutable;
using OpenIddict.Abstractions;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// RFC 8707 resource indicators: which resource servers an access token is for (its <c>aud</c>).
/// </summary>
/// <remarks>
/// OpenIddict itself rejects a <c>resource</c> outside <c>Identity:Resources</c> (<c>invalid_target</c>) or outside
/// the client's resource permissions before these methods run.
/// <list type="bullet">
/// <item>Authorization request with <c>resource</c>: the token is for exactly those resources.</item>
/// <item>Authorization request without <c>resource</c>: the resources attached to the granted scopes
/// (OpenIddict scope resources; <c>mcp:tools</c> carries <c>Identity:Resources</c>). Nothing else: a request for
/// <c>openid profile</c> alone yields a token with no audience, which no resource server accepts.</item>
/// <item>Token request (code or refresh): <c>resource</c>, when present, may only narrow the granted set.</item>
/// </list>
/// </remarks>
internal sealed class ResourceIndicators(IOpenIddictScopeManager scopeManager)
{
    public async Task<ImmutableArray<string>> SelectForAuthorizationAsync(
        OpenIddictRequest request, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        var requested = request.GetResources();
        if (!requested.IsDefaultOrEmpty)
        {
            return requested;
        }

        var fromScopes = new List<string>();
        await foreach (var resource in scopeManager.ListResourcesAsync(scopes, cancellationToken))
        {
            fromScopes.Add(resource);
        }

        return [.. fromScopes.Distinct(StringComparer.Ordinal)];
    }

    /// <returns>False when the request names a resource that was not granted (answer <c>invalid_target</c>).</returns>
    public static bool TrySelectForTokenRequest(
        OpenIddictRequest request, ImmutableArray<string> granted, out ImmutableArray<string> selected)
    {
        var requested = request.GetResources();
        if (requested.IsDefaultOrEmpty)
        {
            selected = granted;
            return true;
        }

        selected = requested;
        return requested.All(resource => granted.Contains(resource, StringComparer.Ordinal));
    }
}
