namespace McpSecure.AppHost;

/// <summary>
/// A small equivalent of Aspire.Hosting.Keycloak (not on our package feed): Keycloak in development mode,
/// importing the McpSecure realm from the repository at start-up.
/// </summary>
public static class KeycloakResourceExtensions
{
    public const string Image = "quay.io/keycloak/keycloak";
    public const string ImageTag = "26.4.2";
    public const string RealmImportDirectory = "/opt/keycloak/data/import";
    public const int HttpPort = 8080;
    public const int ManagementPort = 9000;

    /// <param name="hostPort">The fixed host port; the issuer (<c>KC_HOSTNAME</c>) names it, so it must not drift between runs.</param>
    /// <param name="realmDirectory">Folder with the realm JSON files to import.</param>
    public static IResourceBuilder<ContainerResource> AddKeycloak(this IDistributedApplicationBuilder builder, string name,
        int? hostPort, string realmDirectory, IResourceBuilder<ParameterResource> adminUsername, IResourceBuilder<ParameterResource> adminPassword)
    {
        var keycloak = builder.AddContainer(name, Image, ImageTag)
            .WithArgs("start-dev", "--import-realm")
            .WithBindMount(realmDirectory, RealmImportDirectory, isReadOnly: true)
            .WithHttpEndpoint(port: hostPort, targetPort: HttpPort, name: "http")
            .WithHttpEndpoint(targetPort: ManagementPort, name: "management")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername)
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithEnvironment("KC_METRICS_ENABLED", "true")
            .WithHttpHealthCheck("/health/ready", endpointName: "management");

        // The issuer must be the URL clients use, not the container's address.
        var http = keycloak.GetEndpoint("http");
        keycloak.WithEnvironment("KC_HOSTNAME", http);
        return keycloak;
    }

    /// <summary>The issuer of a realm: <c>{KC_HOSTNAME}/realms/{realm}</c>.</summary>
    public static ReferenceExpression RealmIssuer(this IResourceBuilder<ContainerResource> keycloak, string realm) =>
        ReferenceExpression.Create($"{keycloak.GetEndpoint("http")}/realms/{realm}");
}
