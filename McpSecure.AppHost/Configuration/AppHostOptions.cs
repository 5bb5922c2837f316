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

    /// <summary>Gateway settings for an external provider: required scopes, audiences, token types, claim names.</summary>
    public GatewaySettings Gateway { get; set; } = new();

    /// <summary>
    /// Folder for run-time data that must survive restarts (dev signing keys, registered clients, Prometheus TSDB);
    /// an absolute path once bound (<see cref="DefaultDataFolder"/> beside the AppHost project by default).
    /// </summary>
    public string DataPath { get; set; } = "";
#if (!ExcludeExternalServer)

    /// <summary>The MCP server that already exists and that the gateway protects (<c>--server external</c>).</summary>
    public UpstreamOptions Upstream { get; set; } = new();
#endif
}
