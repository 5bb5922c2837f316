using Microsoft.Extensions.Configuration;

namespace McpSecure.AppHost;

/// <summary>The AppHost's own settings, section <c>McpSecure</c> (appsettings.json, environment or command line).</summary>
public sealed class McpSecureSettings
{
    public const string SectionName = "McpSecure";

    /// <summary><c>Auto</c> (default), <c>Containers</c> or <c>Embedded</c>; see <see cref="HostingModeSelector"/>.</summary>
    public HostingMode Mode { get; set; } = HostingMode.Auto;

    /// <summary>
    /// Fixed development port of the gateway: MCP client configurations and token audiences name it, so it must
    /// not change between runs. Tests randomise it.
    /// </summary>
    public int GatewayPort { get; set; } = 5100;

    /// <summary>Fixed development port of the identity provider: the issuer in every token names it.</summary>
    public int IdentityPort { get; set; } = 5101;

    /// <summary>
    /// The issuer of an existing OIDC provider (your organisation's, or a second provider in tests). When set, the
    /// app runs no identity provider of its own and the gateway trusts this one. Its tokens must carry the gateway's
    /// <c>/mcp</c> URL in <c>aud</c> (RFC 8707 resource indicators or an audience mapper).
    /// </summary>
    public string? ExternalIssuer { get; set; }

    /// <summary>
    /// A public client (PKCE, no secret) pre-registered at <see cref="ExternalIssuer"/>, for providers without dynamic
    /// client registration: the gateway then answers RFC 7591 registrations with it.
    /// </summary>
    public string? ExternalPublicClientId { get; set; }

    /// <summary>
    /// Folder for run-time data that must survive restarts (dev signing keys, registered clients, Prometheus TSDB).
    /// Defaults to <c>.mcpsecure</c> beside the AppHost project; it is git-ignored.
    /// </summary>
    public string? DataPath { get; set; }

    public static McpSecureSettings From(IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SectionName).Get<McpSecureSettings>() ?? new McpSecureSettings();
        settings.DataPath = Path.GetFullPath(settings.DataPath ?? Path.Combine(builder.AppHostDirectory, ".mcpsecure"));
        Directory.CreateDirectory(settings.DataPath);
        return settings;
    }
}
