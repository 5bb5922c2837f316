namespace McpSecure.AppHost;

/// <summary>The OIDC provider as the rest of the app model sees it, whichever implementation runs.</summary>
/// <param name="Resource">The provider's resource (for WaitFor and references); null for an external provider.</param>
/// <param name="Issuer">The issuer URL exactly as it appears in the tokens' <c>iss</c>.</param>
public sealed record IdentityProvider(IResourceBuilder<IResourceWithEndpoints>? Resource, ReferenceExpression Issuer);

/// <summary>
/// Adds the identity provider: Keycloak (Containers) or McpSecure.Identity (Embedded). Both import the same
/// realm file, <c>Realm/mcpsecure-realm.json</c>: public client, scopes, dev users and roles.
/// </summary>
public static class IdentityProviderExtensions
{
    public const string ResourceName = "identity";
    public const string RealmName = "mcpsecure";
    public const string PublicClientId = "mcp-client";

    public static string RealmDirectory(this IDistributedApplicationBuilder builder) => Path.Combine(builder.AppHostDirectory, "Realm");

    public static IdentityProvider AddIdentityProvider(this IDistributedApplicationBuilder builder, HostingMode mode,
        McpSecureSettings settings, ReferenceExpression protectedResource)
    {
        if (settings.ExternalIssuer is { } external)
        {
            return new IdentityProvider(null, ReferenceExpression.Create($"{external}"));
        }
        return mode == HostingMode.Containers
            ? builder.AddKeycloakIdentityProvider(settings, protectedResource)
            : builder.AddEmbeddedIdentityProvider(settings, protectedResource);
    }

    private static IdentityProvider AddKeycloakIdentityProvider(this IDistributedApplicationBuilder builder,
        McpSecureSettings settings, ReferenceExpression protectedResource)
    {
        var adminUsername = builder.AddParameter("keycloak-admin", "admin");
        var adminPassword = builder.AddParameter("keycloak-admin-password",
            new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);

        var keycloak = builder.AddKeycloak(ResourceName, settings.IdentityPort, builder.RealmDirectory(), adminUsername, adminPassword)
            // The realm file's audience mapper puts ${MCPSECURE_RESOURCE} into the access tokens' aud (RFC 8707 binding).
            .WithEnvironment("MCPSECURE_RESOURCE", protectedResource);

        return new IdentityProvider(keycloak, keycloak.RealmIssuer(RealmName));
    }

    private static IdentityProvider AddEmbeddedIdentityProvider(this IDistributedApplicationBuilder builder,
        McpSecureSettings settings, ReferenceExpression protectedResource)
    {
        var identity = builder.AddProject<Projects.McpSecure_Identity>(ResourceName, launchProfileName: null)
            .WithHttpEndpoint(port: settings.IdentityPort, name: "http")
            .WithHttpHealthCheck("/health");
        var issuer = ReferenceExpression.Create($"{identity.GetEndpoint("http")}/");

        identity
            .WithEnvironment("Identity__Issuer", issuer)
            .WithEnvironment("Identity__DataPath", Path.Combine(settings.DataPath!, "identity"))
            .WithEnvironment("Identity__RealmFile", Path.Combine(builder.RealmDirectory(), "mcpsecure-realm.json"))
            .WithEnvironment("Identity__Resources__0", protectedResource);

        return new IdentityProvider(identity, issuer);
    }
}
