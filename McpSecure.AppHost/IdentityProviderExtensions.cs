using McpSecure.AppHost.Health;
using McpSecure.AppHost.Configuration;
using McpSecure.AppHost.Hosting.Keycloak;
using McpSecure.AppHost.Hosting.PostgreSql;
using McpSecure.AppHost.HostingModes;

namespace McpSecure.AppHost;

/// <summary>
/// Adds the identity provider: Keycloak (Containers) or McpSecure.Identity (Embedded), or none for an external
/// issuer. Both import the same realm file, <c>Realm/mcpsecure-realm.json</c>: clients, scopes, dev users and roles.
/// </summary>
internal static class IdentityProviderExtensions
{
    public const string RealmName = "mcpsecure";
    public const string PublicClientId = "mcp-client";
    public const string RealmDirectoryName = "Realm";
    public const string RealmFileName = "mcpsecure-realm.json";

    /// <summary>The realm file's placeholder for the gateway's <c>/mcp</c> URL, which its audience mapper puts into <c>aud</c>.</summary>
    private const string ResourceVariable = "MCPSECURE_RESOURCE";

    public static string RealmDirectory(this IDistributedApplicationBuilder builder) => Path.Combine(builder.AppHostDirectory, RealmDirectoryName);

    public static string RealmFile(this IDistributedApplicationBuilder builder) => Path.Combine(builder.RealmDirectory(), RealmFileName);

    /// <param name="protectedResource">The gateway's <c>/mcp</c> URL: the audience of the tokens the provider issues.</param>
    public static IdentityProvider AddIdentityProvider(this IDistributedApplicationBuilder builder, HostingMode mode,
        AppHostOptions options, ReferenceExpression protectedResource)
    {
        if (options.ExternalIssuer is { } external)
        {
            return new IdentityProvider(null, ReferenceExpression.Create($"{external}"));
        }
        if (options.IsFederated)
        {
            // Federation runs McpSecure.Identity in both hosting modes: it is the authorization server clients see.
            return builder.AddFederatedIdentityProvider(mode, options, protectedResource);
        }
        return mode == HostingMode.Containers
            ? builder.AddKeycloakIdentityProvider(options, protectedResource)
            : builder.AddEmbeddedIdentityProvider(mode, options, protectedResource);
    }

    private static IdentityProvider AddKeycloakIdentityProvider(this IDistributedApplicationBuilder builder,
        AppHostOptions options, ReferenceExpression protectedResource)
    {
        var adminUsername = builder.AddParameter(AppModelNames.Resources.KeycloakAdmin, "admin");
        var adminPassword = builder.AddParameter(AppModelNames.Resources.KeycloakAdminPassword,
            new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);

        var keycloak = builder.AddKeycloak(AppModelNames.Resources.Identity, options.IdentityPort, adminUsername, adminPassword)
            .WithRealmImport(builder.RealmDirectory())
            .WithEnvironment("KC_METRICS_ENABLED", "true")
            .WithEnvironment(ResourceVariable, protectedResource);
        var http = keycloak.GetEndpoint(AppModelNames.Endpoints.Http);

        // The issuer must be the URL clients use, not the container's address.
        keycloak.WithEnvironment("KC_HOSTNAME", http);
        return new IdentityProvider(keycloak, ReferenceExpression.Create($"{http}/realms/{RealmName}"));
    }

    private static IdentityProvider AddEmbeddedIdentityProvider(this IDistributedApplicationBuilder builder, HostingMode mode,
        AppHostOptions options, ReferenceExpression protectedResource) =>
        builder.AddIdentityProject(mode, options, protectedResource, Path.Combine(options.DataPath, "identity"));

    /// <summary>
    /// McpSecure.Identity in federation mode: users sign in at <see cref="AppHostOptions.UpstreamIssuer"/>, no local
    /// accounts. Its own data folder (<c>identity-federation</c>), so that no cookie or account of the embedded mode
    /// carries over. The upstream client secret is the parameter <c>upstream-client-secret</c> when it is configured.
    /// </summary>
    private static IdentityProvider AddFederatedIdentityProvider(this IDistributedApplicationBuilder builder, HostingMode mode,
        AppHostOptions options, ReferenceExpression protectedResource)
    {
        var provider = builder.AddIdentityProject(mode, options, protectedResource, Path.Combine(options.DataPath, "identity-federation"));
        var identity = (IResourceBuilder<ProjectResource>)provider.Resource!;

        identity
            .WithEnvironment("Identity__Federation__Issuer", options.UpstreamIssuer!)
            .WithEnvironment("Identity__Federation__ClientId", options.UpstreamClientId!)
            .WithUrl(options.UpstreamIssuer!, $"Federation: users sign in at {options.UpstreamIssuer}");
        if (builder.Configuration[$"Parameters:{AppModelNames.Resources.UpstreamClientSecret}"] is { Length: > 0 })
        {
            var secret = builder.AddParameter(AppModelNames.Resources.UpstreamClientSecret, secret: true);
            identity.WithEnvironment("Identity__Federation__ClientSecret", secret);
        }
        for (var i = 0; i < options.UpstreamScopes.Count; i++)
        {
            identity.WithEnvironment($"Identity__Federation__Scopes__{i}", options.UpstreamScopes[i]);
        }
        for (var i = 0; i < options.UpstreamRoleClaims.Count; i++)
        {
            identity.WithEnvironment($"Identity__Federation__Claims__Roles__{i}", options.UpstreamRoleClaims[i]);
        }
        for (var i = 0; i < options.UpstreamDefaultRoles.Count; i++)
        {
            identity.WithEnvironment($"Identity__Federation__DefaultRoles__{i}", options.UpstreamDefaultRoles[i]);
        }
        foreach (var (upstream, role) in options.UpstreamRoleMap)
        {
            identity.WithEnvironment($"Identity__Federation__RoleMap__{upstream}", role);
        }
        foreach (var (purpose, claim) in options.UpstreamClaims)
        {
            identity.WithEnvironment($"Identity__Federation__Claims__{purpose}", claim);
        }
        if (options.UpstreamKeepTokens)
        {
            identity.WithEnvironment("Identity__Federation__UpstreamTokens__Keep", "true");
        }
        for (var i = 0; i < options.UpstreamTokenExchangeClients.Count; i++)
        {
            identity.WithEnvironment($"Identity__Federation__UpstreamTokens__ExchangeClients__{i}", options.UpstreamTokenExchangeClients[i]);
        }
        for (var i = 0; i < options.UpstreamTokenAudiences.Count; i++)
        {
            identity.WithEnvironment($"Identity__Federation__UpstreamTokens__Audiences__{i}", options.UpstreamTokenAudiences[i]);
        }
        return provider;
    }

    private static IdentityProvider AddIdentityProject(this IDistributedApplicationBuilder builder, HostingMode mode,
        AppHostOptions options, ReferenceExpression protectedResource, string dataPath)
    {
        var identity = builder.AddProject<Projects.McpSecure_Identity>(AppModelNames.Resources.Identity, launchProfileName: null)
            .WithHttpEndpoint(port: options.IdentityPort, name: AppModelNames.Endpoints.Http)
            .WithReadinessHealthCheck(AppModelNames.Paths.Health);
        // OpenIddict's issuer has a trailing slash (Keycloak's has none); tokens carry it exactly so.
        var issuer = ReferenceExpression.Create($"{identity.GetEndpoint(AppModelNames.Endpoints.Http)}/");

        identity
            .WithEnvironment("Identity__Issuer", issuer)
            .WithEnvironment("Identity__DataPath", dataPath)
            .WithEnvironment("Identity__RealmFile", builder.RealmFile())
            .WithEnvironment("Identity__Resources__0", protectedResource);
        if (options.Identity.IsPostgreSql)
        {
            // Several replicas share one database (clients, consents, tokens, keys, Data Protection keys).
            identity.WithSharedDatabase(builder, mode, options.DataPath);
        }
        if (options.Identity.Replicas > 1)
        {
            identity.WithReplicas(options.Identity.Replicas);
        }

        return new IdentityProvider(identity, issuer);
    }
}
