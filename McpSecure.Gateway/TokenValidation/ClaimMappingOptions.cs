using McpSecure.Gateway.Configuration;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// Where a provider puts the caller's display name and roles when not in <c>name</c> and <c>role</c>, section
/// <c>Gateway:Claims</c>. The gateway copies them into <c>name</c> and <c>role</c> (<see cref="CanonicalClaimsTransformation"/>),
/// which tool rules, the forwarded identity and the MCP server read. E.g. <c>NameClaim: preferred_username</c>,
/// <c>RoleClaims: [groups]</c> (Authelia, LemonLDAP::NG) or <c>[roles]</c> (Entra ID).
/// </summary>
public sealed class ClaimMappingOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":Claims";

    /// <summary>The claim that holds the display name; unset: <c>name</c>.</summary>
    public string? NameClaim { get; set; }

    /// <summary>Further claims whose values are roles (string or array of strings); <c>role</c> is always read.</summary>
    public string[] RoleClaims { get; set; } = [];
}
