using McpSecure.Identity.OpenIddictServer;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

public sealed record RequestedScope(string Name, string? Description);

/// <summary>What the login and consent pages show about the authorization request that sent the user there.</summary>
/// <param name="IsSelfRegistered">The client registered itself (RFC 7591): nobody vouches for its name.</param>
/// <param name="Parameters">The request's parameters, which the consent page posts back to the authorization endpoint.</param>
public sealed record PendingAuthorization(
    string ClientName,
    bool IsSelfRegistered,
    IReadOnlyList<RequestedScope> Scopes,
    IReadOnlyList<string> Resources,
    IReadOnlyList<KeyValuePair<string, string>> Parameters);

/// <summary>
/// Reads the authorization request carried in the login page's <c>returnUrl</c> (a local
/// <c>/connect/authorize?...</c> URL) and describes it for display. Display only: the request itself is
/// validated by OpenIddict when the browser returns to the authorization endpoint.
/// </summary>
public sealed class PendingAuthorizationDescriber(
    IOpenIddictApplicationManager applicationManager,
    IOpenIddictScopeManager scopeManager)
{
    public async Task<PendingAuthorization?> DescribeAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var queryStart = returnUrl.IndexOf('?');
        var path = queryStart < 0 ? returnUrl : returnUrl[..queryStart];
        if (queryStart < 0 ||
            !string.Equals(path, ServerEndpointPaths.Rooted(ServerEndpointPaths.Authorization), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(returnUrl[queryStart..]);
        var clientId = query.GetValueOrDefault(Parameters.ClientId).ToString();
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var application = await applicationManager.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var clientName = await applicationManager.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? clientId;

        var scopes = new List<RequestedScope>();
        foreach (var name in query.GetValueOrDefault(Parameters.Scope).ToString()
                     .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .Distinct(StringComparer.Ordinal))
        {
            scopes.Add(new RequestedScope(name, await DescribeScopeAsync(name, cancellationToken)));
        }

        var resources = query.GetValueOrDefault(Parameters.Resource)
            .Where(resource => !string.IsNullOrEmpty(resource))
            .Select(resource => resource!)
            .ToList();

        var properties = await applicationManager.GetPropertiesAsync(application, cancellationToken);
        var isSelfRegistered = properties.ContainsKey(ClientRegistration.RegisteredClientMarker.PropertyName);

        var parameters = query
            .SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, value ?? string.Empty)))
            .ToList();

        return new PendingAuthorization(clientName, isSelfRegistered, scopes, resources, parameters);
    }

    private async Task<string?> DescribeScopeAsync(string name, CancellationToken cancellationToken)
    {
        if (StandardScopes.Descriptions.TryGetValue(name, out var description))
        {
            return description;
        }

        var scope = await scopeManager.FindByNameAsync(name, cancellationToken);
        return scope is null ? null : await scopeManager.GetLocalizedDescriptionAsync(scope, cancellationToken);
    }
}
