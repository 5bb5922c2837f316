// Mirrors the public API of Aspire.Hosting.Keycloak (https://github.com/dotnet/aspire/tree/main/src/Aspire.Hosting.Keycloak),
// which our package feed does not serve. When it does: delete this folder, add the package, and replace
// `using McpSecure.AppHost.Hosting.Keycloak;` by the package's namespaces (Aspire.Hosting, Aspire.Hosting.ApplicationModel).

namespace McpSecure.AppHost.Hosting.Keycloak;

/// <summary>Adds Keycloak to an app model: <see cref="AddKeycloak"/>, <see cref="WithRealmImport"/>, <see cref="WithDataVolume"/>.</summary>
public static class KeycloakResourceBuilderExtensions
{
    // https://www.keycloak.org/server/all-config: the bootstrap admin and the health endpoints.
    private const string AdminEnvVarName = "KC_BOOTSTRAP_ADMIN_USERNAME";
    private const string AdminPasswordEnvVarName = "KC_BOOTSTRAP_ADMIN_PASSWORD";
    private const string HealthEnabledEnvVarName = "KC_HEALTH_ENABLED";

    private const int HttpContainerPort = 8080;
    private const int ManagementContainerPort = 9000; // https://www.keycloak.org/server/management-interface
    private const string ReadinessPath = "/health/ready"; // https://www.keycloak.org/observability/health

    // https://www.keycloak.org/server/importExport: `--import-realm` reads every realm file in this folder.
    private const string RealmImportDirectory = "/opt/keycloak/data/import";
    private const string DataDirectory = "/opt/keycloak/data";

    /// <summary>
    /// Adds a Keycloak container: <c>start-dev</c> when the app runs locally, <c>start</c> when it is published,
    /// importing the realms of <see cref="WithRealmImport"/> in both cases; ready when its management interface says so.
    /// </summary>
    /// <param name="builder">The app model.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The host port of the HTTP endpoint; <see langword="null"/> lets Aspire choose one.</param>
    /// <param name="adminUsername">The bootstrap admin's user name; <see langword="null"/> for <c>admin</c>.</param>
    /// <param name="adminPassword">The bootstrap admin's password; <see langword="null"/> for a generated secret parameter.</param>
    public static IResourceBuilder<KeycloakResource> AddKeycloak(this IDistributedApplicationBuilder builder, string name,
        int? port = null, IResourceBuilder<ParameterResource>? adminUsername = null, IResourceBuilder<ParameterResource>? adminPassword = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var password = adminPassword?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");
        var resource = new KeycloakResource(name, adminUsername?.Resource, password);

        var keycloak = builder.AddResource(resource)
            .WithImage(KeycloakContainerImageTags.Image, KeycloakContainerImageTags.Tag)
            .WithHttpEndpoint(port: port, targetPort: HttpContainerPort, name: KeycloakResource.PrimaryEndpointName)
            .WithHttpEndpoint(targetPort: ManagementContainerPort, name: KeycloakResource.ManagementEndpointName)
            .WithHttpHealthCheck(ReadinessPath, endpointName: KeycloakResource.ManagementEndpointName)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables[AdminEnvVarName] = (object?)resource.AdminUserNameParameter ?? KeycloakResource.DefaultAdmin;
                context.EnvironmentVariables[AdminPasswordEnvVarName] = resource.AdminPasswordParameter;
                context.EnvironmentVariables[HealthEnabledEnvVarName] = "true";
            })
            .WithUrlForEndpoint(KeycloakResource.ManagementEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);

        // Development mode (http, relaxed hostname checks, no build step) is for local runs only; a deployment runs
        // the production start command and brings its own TLS and hostname configuration.
        keycloak.WithArgs(builder.ExecutionContext.IsRunMode ? "start-dev" : "start");
        return keycloak.WithArgs("--import-realm");
    }

    /// <summary>Imports the realm files of a folder (or one realm file) at every start.</summary>
    /// <param name="builder">The Keycloak resource.</param>
    /// <param name="import">The folder or file, relative to the AppHost's directory unless absolute.</param>
    public static IResourceBuilder<KeycloakResource> WithRealmImport(this IResourceBuilder<KeycloakResource> builder, string import)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(import);

        var source = Path.GetFullPath(import, builder.ApplicationBuilder.AppHostDirectory);
        var target = File.Exists(source) ? $"{RealmImportDirectory}/{Path.GetFileName(source)}" : RealmImportDirectory;
        return builder.WithBindMount(source, target, isReadOnly: true);
    }

    /// <summary>Keeps Keycloak's data folder (its database, hence realms changed in the admin console) in a named volume.</summary>
    /// <param name="builder">The Keycloak resource.</param>
    /// <param name="name">The volume name; <see langword="null"/> for one derived from the app and the resource.</param>
    public static IResourceBuilder<KeycloakResource> WithDataVolume(this IResourceBuilder<KeycloakResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataDirectory, isReadOnly: false);
    }
}
