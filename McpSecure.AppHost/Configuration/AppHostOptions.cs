using McpSecure.AppHost.HostingModes;

namespace McpSecure.AppHost.Configuration;

/// <summary>The AppHost's own options, section <c>McpSecure</c> (appsettings.json, environment or command line).</summary>
internal sealed class AppHostOptions
{
    public const string SectionName = "McpSecure";

    /// <summary>The data folder when <see cref="DataPath"/> is not set, relative to the AppHost project (git-ignored).</summary>
    public const string DefaultDataFolder = ".mcpsecure";

    /// <summary><c>Auto</c> (default), <c>Containers</c> or <c>Embedded</c>; see <see cref="HostingModeSelector"/>.</summary>
    public HostingMode Mode { get; set; } = HostingMode.Auto;

    /// <summary>
    /// Fixed port of the gateway: MCP client configurations and token audiences name it, so it must not change
    /// between runs.
    /// </summary>
    public int GatewayPort { get; set; } = 5100;

    /// <summary>Fixed port of the identity provider: the issuer in every token names it.</summary>
    public int IdentityPort { get; set; } = 5101;

    /// <summary>
    /// The issuer of an existing OIDC provider (your organisation's, or any second provider). When set, the app runs
    /// no identity provider of its own and the gateway trusts this one. Its tokens must carry the gateway's
    /// <c>/mcp</c> URL in <c>aud</c> (RFC 8707 resource indicators or an audience mapper).
    /// </summary>
    public string? ExternalIssuer { get; set; }

    /// <summary>
    /// A public client (PKCE, no secret) pre-registered at <see cref="ExternalIssuer"/>, shown in the client configurations
    /// on the dashboard for clients that take a static client id (e.g. mcp-remote's <c>--static-oauth-client-info</c>).
    /// The gateway never hands it out: a proxy handing one shared client id to every dynamically registered client
    /// without asking the user breaks MCP 2026-07-28. A provider without dynamic registration or client metadata
    /// documents is used through McpSecure.Identity's federation mode.
    /// </summary>
    public string? ExternalPublicClientId { get; set; }

    /// <summary>McpSecure.Identity's storage and replicas (<c>McpSecure:Identity:Storage</c>, <c>McpSecure:Identity:Replicas</c>).</summary>
    public IdentitySettings Identity { get; set; } = new();

    /// <summary>Gateway settings for an external provider: required scopes, audiences, token types, claim names.</summary>
    public GatewaySettings Gateway { get; set; } = new();

    /// <summary>
    /// Federation mode: the issuer of the organisation's OIDC provider, where users sign in. McpSecure.Identity runs
    /// (in both hosting modes) with no local accounts, signs users in there through <see cref="UpstreamClientId"/> and
    /// issues its own tokens for the gateway. For providers with neither dynamic registration nor CIMD. Its secret, for a
    /// confidential client, is the Aspire parameter <c>upstream-client-secret</c> (<c>Parameters:upstream-client-secret</c>).
    /// </summary>
    public string? UpstreamIssuer { get; set; }

    /// <summary>The client pre-registered at <see cref="UpstreamIssuer"/>; its redirect URI is <c>{identity}/federation/callback</c>.</summary>
    public string? UpstreamClientId { get; set; }

    /// <summary>Scopes asked of the upstream provider (default <c>openid profile email</c>).</summary>
    public List<string> UpstreamScopes { get; set; } = [];

    /// <summary>Upstream claims whose values are mapped to realm roles (default <c>roles</c>, <c>groups</c>).</summary>
    public List<string> UpstreamRoleClaims { get; set; } = [];

    /// <summary>Upstream group or role → realm role, e.g. <c>mcp-admins</c> → <c>admin</c>.</summary>
    public Dictionary<string, string> UpstreamRoleMap { get; set; } = [];

    /// <summary>Realm roles every upstream user gets, e.g. <c>reader</c>.</summary>
    public List<string> UpstreamDefaultRoles { get; set; } = [];

    /// <summary>
    /// Upstream claim names by purpose: <c>Subject</c>, <c>Name</c>, <c>Username</c>, <c>Email</c> (defaults: <c>sub</c>,
    /// <c>name</c>, <c>preferred_username</c>, <c>email</c>).
    /// </summary>
    public Dictionary<string, string> UpstreamClaims { get; set; } = [];

    /// <summary>Whether the app runs McpSecure.Identity in federation mode.</summary>
    /// <summary>
    /// Keep each federated user's upstream tokens (encrypted) for the RFC 8693 token exchange
    /// (<c>Identity:Federation:UpstreamTokens:Keep</c>); off by default.
    /// </summary>
    public bool UpstreamKeepTokens { get; set; }

    /// <summary>Confidential realm clients that may exchange a user's token for their upstream token.</summary>
    public List<string> UpstreamTokenExchangeClients { get; set; } = [];

    /// <summary>The upstream audiences (APIs) an upstream token may be exchanged for.</summary>
    public List<string> UpstreamTokenAudiences { get; set; } = [];

    public bool IsFederated => !string.IsNullOrWhiteSpace(UpstreamIssuer);

    /// <summary>
    /// Folder for run-time data that must survive restarts (dev signing keys, registered clients, Prometheus TSDB);
    /// an absolute path once bound (<see cref="DefaultDataFolder"/> beside the AppHost project by default).
    /// </summary>
    public string DataPath { get; set; } = "";

    /// <summary>
    /// Data per tenant for the demo (Prometheus server): the MCP server runs with <c>Tenancy:Mode=Label</c> and each
    /// scrape job is labelled with one of the realm's tenants (alice: team-a, bob: team-b). Off by default: with it on,
    /// the admin and status tools are hidden from everyone (they read across tenants).
    /// </summary>
    public bool DemoTenants { get; set; }

    /// <summary>
    /// Redis for the gateway's per-user rate limit, so that it holds across gateway replicas: Aspire's Redis container in
    /// Containers mode, <c>redis-server</c> from PATH in Embedded mode (loopback only, nothing saved), the gateway
    /// referencing it (<c>ConnectionStrings:redis</c>); in the Helm chart, a Redis Deployment only the gateway may reach.
    /// Off by default: one replica needs no Redis.
    /// </summary>
    public bool Redis { get; set; }
#if (!ExcludeExternalServer)

    /// <summary>The MCP server that already exists and that the gateway protects (<c>--server external</c>).</summary>
    public UpstreamOptions Upstream { get; set; } = new();
#endif
}
