namespace McpSecure.AppHost;

/// <summary>
/// The names the app model's resources, endpoints and paths are known by. Service discovery (<c>http://gateway</c>),
/// the dashboard, Prometheus jobs and user secrets (<c>Parameters:{name}</c>) all see them, so each is written once.
/// </summary>
internal static class AppModelNames
{
    public static class Resources
    {
        public const string Gateway = "gateway";
#if (!ExcludePrometheusServer)
        public const string PrometheusMcp = "prometheus-mcp";
        public const string Prometheus = "prometheus";
#endif
#if (!ExcludeBlankServer || !ExcludeExternalServer)

        /// <summary>The MCP server of your own (<c>--server blank</c>) or the one you already run (<c>--server external</c>).</summary>
        public const string McpServer = "mcp-server";
#endif
        public const string Identity = "identity";

        /// <summary>Redis, where the gateway's replicas count each user's requests together (<c>McpSecure:Redis</c>).</summary>
        public const string Redis = "redis";

        /// <summary>The dashboard entry that says which mode runs and how to connect.</summary>
        public const string AppInfo = "mcpsecure";

        /// <summary>The key with which the gateway signs the caller's identity for the MCP server.</summary>
        public const string GatewayIdentityKey = "gateway-identity-key";

        /// <summary>The secret of McpSecure.Identity's client at the upstream provider (federation mode, confidential client).</summary>
        public const string UpstreamClientSecret = "upstream-client-secret";

        public const string KeycloakAdmin = "keycloak-admin";
        public const string KeycloakAdminPassword = "keycloak-admin-password";
    }

    public static class Endpoints
    {
        /// <summary>Every service's one HTTP endpoint (and Keycloak's realm endpoint).</summary>
        public const string Http = "http";

        /// <summary>Redis's endpoint (the name Aspire's Redis resource gives it).</summary>
        public const string Tcp = "tcp";
    }

    public static class Paths
    {
        /// <summary>The MCP endpoint, on the gateway (public) as on the MCP server behind it.</summary>
        public const string Mcp = "/mcp";

        /// <summary>The readiness check of our own services (ServiceDefaults).</summary>
        public const string Health = "/health";
    }
}
