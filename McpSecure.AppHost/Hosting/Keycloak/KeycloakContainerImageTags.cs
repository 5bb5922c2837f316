// Mirrors the public API of Aspire.Hosting.Keycloak (https://github.com/dotnet/aspire/tree/main/src/Aspire.Hosting.Keycloak),
// which our package feed does not serve. When it does: delete this folder, add the package, and replace
// `using McpSecure.AppHost.Hosting.Keycloak;` by the package's namespaces (Aspire.Hosting, Aspire.Hosting.ApplicationModel).

namespace McpSecure.AppHost.Hosting.Keycloak;

/// <summary>The Keycloak container image this AppHost runs.</summary>
internal static class KeycloakContainerImageTags
{
    /// <summary>The image, registry included (https://quay.io/repository/keycloak/keycloak).</summary>
    public const string Image = "quay.io/keycloak/keycloak";

    /// <summary>Pinned, so that a realm file that imports today still imports after a new Keycloak release.</summary>
    public const string Tag = "26.4.2";
}
