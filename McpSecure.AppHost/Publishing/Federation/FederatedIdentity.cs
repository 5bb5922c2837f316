namespace McpSecure.AppHost.Publishing.Federation;

/// <summary>
/// McpSecure.Identity in federation mode, as the app model publishes it (<c>McpSecure:UpstreamIssuer</c>…): the chart
/// deploys it for production (no local accounts, its state on a volume or in PostgreSQL), and the values'
/// defaults are these settings.
/// </summary>
/// <param name="UpstreamIssuer">The organisation's provider, where users sign in (<c>Identity__Federation__Issuer</c>).</param>
/// <param name="ClientId">The client pre-registered there.</param>
/// <param name="Confidential">The app model gives the client a secret (<c>upstream-client-secret</c>): the chart requires one.</param>
/// <param name="Scopes">Scopes asked upstream (empty: the provider's default, <c>openid profile email</c>).</param>
/// <param name="RoleClaims">Upstream claims mapped to realm roles (empty: <c>roles</c>, <c>groups</c>).</param>
/// <param name="RoleMap">Upstream group or role → realm role.</param>
/// <param name="DefaultRoles">Realm roles every upstream user gets.</param>
/// <param name="Claims">Upstream claim names by purpose (<c>Subject</c>, <c>Name</c>, <c>Username</c>, <c>Email</c>).</param>
/// <param name="KeepUpstreamTokens">Upstream tokens kept (encrypted) for the RFC 8693 token exchange.</param>
/// <param name="TokenExchangeClients">Realm clients that may exchange.</param>
/// <param name="TokenExchangeAudiences">Upstream audiences a token may be exchanged for.</param>
/// <param name="StorageProvider"><c>Sqlite</c> or <c>PostgreSql</c> (<c>McpSecure:Identity:Storage</c>).</param>
/// <param name="Replicas"><c>McpSecure:Identity:Replicas</c>.</param>
/// <param name="ImageRepository">The image of McpSecure.Identity (its ContainerRepository).</param>
/// <param name="RealmFileName">The realm (clients, scopes, roles; its users are not seeded in federation mode).</param>
/// <param name="RealmJson">Its content without users and confidential clients (development secrets), a file of the chart.</param>
internal sealed record FederatedIdentity(
    string UpstreamIssuer,
    string ClientId,
    bool Confidential,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RoleClaims,
    IReadOnlyDictionary<string, string> RoleMap,
    IReadOnlyList<string> DefaultRoles,
    IReadOnlyDictionary<string, string> Claims,
    bool KeepUpstreamTokens,
    IReadOnlyList<string> TokenExchangeClients,
    IReadOnlyList<string> TokenExchangeAudiences,
    string StorageProvider,
    int Replicas,
    string ImageRepository,
    string RealmFileName,
    string RealmJson)
{
    /// <summary>The workload's name: object suffix, pods' name label, values section (<c>identity</c>).</summary>
    public const string Name = AppModelNames.Resources.Identity;

    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>The chart file that carries the realm.</summary>
    public string RealmChartFile => $"files/{RealmFileName}";
}
