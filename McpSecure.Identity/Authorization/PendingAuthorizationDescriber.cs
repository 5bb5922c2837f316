using McpSecure.Identity.ClientMetadataDocuments;
using McpSecure.Identity.ClientRegistration;
using McpSecure.Identity.OpenIddictServer;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.Authorization;

/// <summary>
/// Reads the authorization request carried in the login page's <c>returnUrl</c> (a local
/// <c>/connect/authorize?...</c> URL) and describes it for display. Display only: the request itself is
/// validated by OpenIddict when the browser returns to the authorization endpoint.
/// </summary>
internal sealed class PendingAuthorizationDescriber(
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
        var isFromDocument = properties.ContainsKey(ClientMetadataDocumentMarker.PropertyName);
        var isSelfRegistered = isFromDocument || properties.ContainsKey(RegisteredClientMarker.PropertyName);
        var documentUrl = isFromDocument && Uri.TryCreate(clientId, UriKind.Absolute, out var url) ? url : null;
        var redirectUri = query.GetValueOrDefault(Parameters.RedirectUri).ToString() is { Length: > 0 } target ? target : null;

        var parameters = query
            .SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, value ?? string.Empty)))
            .ToList();

        return new PendingAuthorization(clientName, isSelfRegistered, documentUrl, redirectUri, scopes, resources, parameters);
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
