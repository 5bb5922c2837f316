using McpSecure.Gateway.Configuration;

namespace McpSecure.Gateway.Registration;

/// <summary>
/// Section <c>Gateway:ClientRegistration</c>: the retired registration facade. The gateway used to answer RFC 7591
/// registrations with one pre-registered client id; MCP 2026-07-28 says "MCP proxy servers using static client IDs MUST
/// obtain user consent for each dynamically registered client", and a gateway has no user interface in which to ask.
/// Clients now register at the authorization server itself (its dynamic registration or Client ID Metadata Documents,
/// with its own consent page); a provider with neither is put behind McpSecure.Identity's federation mode. A configured
/// <see cref="ClientId"/> stops the gateway at start-up (<see cref="GatewayOptionsValidator"/>) with that explanation,
/// so that nobody keeps relying on it unknowingly.
/// </summary>
public sealed class ClientRegistrationOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":ClientRegistration";

    /// <summary>Retired: must not be set.</summary>
    public string? ClientId { get; set; }

    /// <summary>Why a configured <see cref="ClientId"/> is refused, naming the key and what to do instead.</summary>
    public const string RetiredMessage =
        SectionName + ":ClientId is no longer supported: the gateway does not hand one shared client id to every client " +
        "(MCP 2026-07-28 requires user consent for each dynamically registered client). Let clients register at the " +
        "authorization server (dynamic registration or Client ID Metadata Documents), or, for a provider with neither, " +
        "run McpSecure.Identity in federation mode in front of it; remove the setting.";
}
