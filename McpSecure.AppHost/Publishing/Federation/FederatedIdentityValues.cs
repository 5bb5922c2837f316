namespace McpSecure.AppHost.Publishing.Federation;

/// <summary>values.yaml's <c>identity</c> section in federation mode, its defaults the app model's settings.</summary>
internal static class FederatedIdentityValues
{
    /// <summary>McpSecure.Identity's defaults for the claim names (Identity:Federation:Claims).</summary>
    private static readonly (string Value, string Purpose, string Default)[] ClaimNames =
    [
        ("subject", "Subject", "sub"),
        ("name", "Name", "name"),
        ("username", "Username", "preferred_username"),
        ("email", "Email", "email"),
    ];

    public const string Comment =
        "McpSecure.Identity in federation mode (the app model's McpSecure:UpstreamIssuer), for production: the authorization\n" +
        "server MCP clients see (client metadata documents, dynamic registration, consent), users signing in at your\n" +
        "organisation's provider; no local accounts. files/ holds the app's realm without its users and confidential clients\n" +
        "(their secrets are development values): its public clients, scopes and roles. The gateway trusts it:\n" +
        "issuer <publicUrl>/ (leave authorizationServer.issuer empty).\n" +
        "publicUrl: its https origin, exposed like the gateway (exposure.type) on that host; tls.secretName: the Ingress's\n" +
        "certificate Secret for that host. Register <publicUrl>/federation/callback as the redirect URI of federation.clientId.\n" +
        "federation: the upstream provider and the claim mapping (defaults from the publish). clientSecret: existingSecret\n" +
        "(a Secret you manage, key clientSecret.key) or value (the chart keeps it in a Secret); confidential: a secret is required.\n" +
        "storage.provider: Sqlite (replicas must be 1; the database, signing and Data Protection keys on a PersistentVolumeClaim,\n" +
        "or an emptyDir, lost with the pod, when sqlite.persistence.enabled is false) or PostgreSql (replicas share the database;\n" +
        "ConnectionStrings__identitydb from the Secret postgres.existingSecret, key postgres.key).";

    /// <summary>The install command's federation part (values.yaml's first lines).</summary>
    public const string InstallExample =
        "#   --set identity.publicUrl=https://login.mcp.example.com \\\n" +
        "#   --set identity.federation.clientSecret.existingSecret=<a Secret with key \"value\", when the upstream client is confidential>";

    public static Dictionary<string, object> Values(FederatedIdentity identity)
    {
        var claims = ClaimNames.ToDictionary(c => c.Value, c => (object)(identity.Claims.FirstOrDefault(
            e => string.Equals(e.Key, c.Purpose, StringComparison.OrdinalIgnoreCase)).Value ?? c.Default));
        return new Dictionary<string, object>
        {
            ["publicUrl"] = "",
            ["tls"] = new Dictionary<string, object> { ["secretName"] = "" },
            ["replicas"] = identity.Replicas,
            ["federation"] = new Dictionary<string, object>
            {
                ["upstreamIssuer"] = identity.UpstreamIssuer,
                ["clientId"] = identity.ClientId,
                ["confidential"] = identity.Confidential,
                ["clientSecret"] = new Dictionary<string, object> { ["existingSecret"] = "", ["key"] = SecretManifests.Key, ["value"] = "" },
                ["scopes"] = identity.Scopes.Count > 0 ? identity.Scopes.ToList<object>() : ["openid", "profile", "email"],
                ["roleClaims"] = identity.RoleClaims.Count > 0 ? identity.RoleClaims.ToList<object>() : ["roles", "groups"],
                ["roleMap"] = identity.RoleMap.ToDictionary(e => e.Key, e => (object)e.Value),
                ["defaultRoles"] = identity.DefaultRoles.ToList<object>(),
                ["claims"] = claims,
                ["upstreamTokens"] = new Dictionary<string, object>
                {
                    ["keep"] = identity.KeepUpstreamTokens,
                    ["exchangeClients"] = identity.TokenExchangeClients.ToList<object>(),
                    ["audiences"] = identity.TokenExchangeAudiences.ToList<object>(),
                },
            },
            ["storage"] = new Dictionary<string, object>
            {
                ["provider"] = identity.StorageProvider,
                ["sqlite"] = new Dictionary<string, object>
                {
                    ["persistence"] = new Dictionary<string, object> { ["enabled"] = true, ["size"] = "1Gi", ["storageClassName"] = "" },
                },
                ["postgres"] = new Dictionary<string, object> { ["existingSecret"] = "", ["key"] = "connectionString" },
            },
            ["image"] = new Dictionary<string, object> { ["repository"] = identity.ImageRepository, ["tag"] = "latest", ["pullPolicy"] = "IfNotPresent" },
            ["runAsUser"] = HelmNames.NonRootUid,
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, object> { ["cpu"] = "100m", ["memory"] = "128Mi" },
                ["limits"] = new Dictionary<string, object> { ["cpu"] = "1", ["memory"] = "512Mi" },
            },
        };
    }

    /// <summary>networkPolicy.egress entries of McpSecure.Identity.</summary>
    public static IEnumerable<KeyValuePair<string, object>> Egress() =>
    [
        new("upstreamIssuer", new Dictionary<string, object> { ["to"] = new List<object>(), ["ports"] = new List<object>() }),
        new("postgres", new Dictionary<string, object> { ["to"] = new List<object>(), ["ports"] = new List<object>() }),
    ];

    public const string EgressComment =
        "- upstreamIssuer: McpSecure.Identity (federation) to the upstream provider (identity.federation.upstreamIssuer):\n" +
        "  its peers, or any address on that URL's port when empty. postgres: to PostgreSQL when identity.storage.provider\n" +
        "  is PostgreSql: its peers (e.g. ipBlock, or the database's namespace), or any address; ports empty for 5432.\n";
}
