// Mirrors the public API of Aspire.Hosting.Keycloak (https://github.com/dotnet/aspire/tree/main/src/Aspire.Hosting.Keycloak),
// which our package feed does not serve. When it does: delete this folder, add the package, and replace
// `using McpSecure.AppHost.Hosting.Keycloak;` by the package's namespaces (Aspire.Hosting, Aspire.Hosting.ApplicationModel).

namespace McpSecure.AppHost.Hosting.Keycloak;

/// <summary>A Keycloak server in a container, with its HTTP and management endpoints and its bootstrap admin.</summary>
/// <param name="name">The resource name.</param>
/// <param name="admin">The bootstrap admin's user name, or <see langword="null"/> for <c>admin</c>.</param>
/// <param name="adminPassword">The bootstrap admin's password.</param>
public sealed class KeycloakResource(string name, ParameterResource? admin, ParameterResource adminPassword)
    : ContainerResource(name), IResourceWithServiceDiscovery
{
    /// <summary>The endpoint that serves the realms (OIDC endpoints, login pages, admin console).</summary>
    internal const string PrimaryEndpointName = "http";

    /// <summary>
    /// Keycloak's management interface, where health and metrics live
    /// (https://www.keycloak.org/server/management-interface).
    /// </summary>
    internal const string ManagementEndpointName = "management";

    internal const string DefaultAdmin = "admin";

    /// <summary>The bootstrap admin's user name; <see langword="null"/> means <c>admin</c>.</summary>
    public ParameterResource? AdminUserNameParameter { get; } = admin;

    /// <summary>The bootstrap admin's password.</summary>
    public ParameterResource AdminPasswordParameter { get; } = adminPassword ?? throw new ArgumentNullException(nameof(adminPassword));

    // The two endpoints are not part of the official type's public API, so code outside this folder names them
    // through GetEndpoint instead; that keeps the switch to the official package a one-line change.
    internal EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    internal EndpointReference ManagementEndpoint => field ??= new(this, ManagementEndpointName);
}
