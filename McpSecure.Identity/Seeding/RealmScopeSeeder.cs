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
public sealed class RealmScopeSeeder(
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
                logger.LogInformation("Created scope {Scope} with resources {Resources}", descriptor.Name, descriptor.Resources);
            }
            else
            {
                await scopeManager.UpdateAsync(existing, descriptor, cancellationToken);
                logger.LogDebug("Updated scope {Scope}", descriptor.Name);
            }
        }
    }
}
