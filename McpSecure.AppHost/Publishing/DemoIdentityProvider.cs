namespace McpSecure.AppHost.Publishing;

/// <summary>
/// An identity provider the chart can run for a self-contained demo cluster (<c>keycloak.enabled</c> or
/// <c>identity.enabled</c>), importing the realm the app model's provider imports. Demo only: one replica whose
/// database lives in an <c>emptyDir</c> (lost on restart, the realm re-imported at every start).
/// </summary>
/// <param name="Name"><see cref="KeycloakName"/> or <see cref="IdentityName"/>: the values section, the object names' suffix, the pods' name label.</param>
/// <param name="ImageRepository">The image the chart runs by default.</param>
/// <param name="ImageTag">Its default tag.</param>
/// <param name="Uid">The non-root uid the image runs as.</param>
/// <param name="RealmFileName">The realm file's name, in the chart's <c>files/</c> and in the pod.</param>
/// <param name="RealmJson">The realm (clients, scopes, demo users and roles).</param>
internal sealed record DemoIdentityProvider(string Name, string ImageRepository, string ImageTag, long Uid, string RealmFileName, string RealmJson)
{
    public const string KeycloakName = "keycloak";
    public const string IdentityName = "identity";

    /// <summary>The HTTP port both listen on (TLS ends at the Ingress or the Gateway).</summary>
    public const int HttpPort = 8080;

    /// <summary>Keycloak's management interface, where its health endpoints are (https://www.keycloak.org/server/management-interface).</summary>
    public const int KeycloakManagementPort = 9000;

    /// <summary>The uid of the official Keycloak image's user.</summary>
    public const long KeycloakUid = 1000;

    public bool IsKeycloak => Name == KeycloakName;

    /// <summary>Its values section, e.g. <c>.Values.keycloak</c>.</summary>
    public string Values => $".Values.{Name}";

    public string Enabled => $"{Values}.enabled";

    /// <summary>The chart file that carries the realm (read with <c>.Files.Get</c>).</summary>
    public string RealmChartFile => $"files/{RealmFileName}";

    /// <summary>The Secret of Keycloak's bootstrap admin password (generated at install when not given).</summary>
    public static readonly ChartSecret KeycloakAdminPassword = new(AppModelNames.Resources.KeycloakAdminPassword, 24);
}
