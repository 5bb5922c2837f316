using McpSecure.Identity.Authorization;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Realm;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace McpSecure.Identity.Seeding;

/// <summary>
/// Stores every realm client scope as an OpenIddict scope. A scope with an audience mapper (e.g. <c>mcp:tools</c>,
/// <c>prometheus:read</c>) gets <c>Identity:Resources</c> as its resources: a token requested with such a scope
/// and no <c>resource</c> parameter gets those resources as its audience, as Keycloak's mapper would do.
/// </summary>
internal sealed partial class RealmScopeSeeder(
    IOpenIddictScopeManager scopeManager,
    IOptions<IdentityProviderOptions> options,
    ILogger<RealmScopeSeeder> logger)
{
    public async Task SeedAsync(KeycloakRealm realm, CancellationToken cancellationToken)
    {
        var resources = options.Value.ResourceIdentifiers;

        foreach (var clientScope in realm.ClientScopes)
        {
            if (string.IsNullOrWhiteSpace(clientScope.Name))
            {
                continue;
            }

            var descriptor = new OpenIddictScopeDescriptor
            {
                Name = clientScope.Name,
                DisplayName = clientScope.Attributes.GetValueOrDefault("consent.screen.text") ?? clientScope.Name,
                Description = clientScope.Description,
            };

            // A realm that redefines a standard OIDC scope (full Keycloak exports do) must not turn
            // "profile" or "email" into a ticket for the resource servers.
            if (clientScope.AddsAudience && !StandardScopes.Contains(clientScope.Name))
            {
                descriptor.Resources.UnionWith(resources);
            }

            var existing = await scopeManager.FindByNameAsync(clientScope.Name, cancellationToken);
            if (existing is null)
            {
                await scopeManager.CreateAsync(descriptor, cancellationToken);
                LogCreated(logger, descriptor.Name, descriptor.Resources);
            }
            else
            {
                await scopeManager.UpdateAsync(existing, descriptor, cancellationToken);
                LogUpdated(logger, descriptor.Name);
            }
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Created scope {Scope} with resources {Resources}")]
    private static partial void LogCreated(ILogger logger, string? scope, IEnumerable<string> resources);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Updated scope {Scope}")]
    private static partial void LogUpdated(ILogger logger, string? scope);
}
