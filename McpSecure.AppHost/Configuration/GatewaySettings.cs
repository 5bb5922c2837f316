namespace McpSecure.AppHost.Configuration;

/// <summary>
/// The gateway settings a user of an external provider needs, section <c>McpSecure:Gateway</c>, passed to the gateway as
/// environment (<see cref="GatewayResourceExtensions.WithGatewaySettings"/>). Unset: the gateway's own defaults
/// (its appsettings.json). A list replaces the gateway's list entirely; <c>[""]</c> means an empty list.
/// </summary>
internal sealed class GatewaySettings
{
    /// <summary>The most entries a list may have; also how far a shorter list blanks the gateway's own entries.</summary>
    public const int MaxListEntries = 8;

    /// <summary>The most gateway replicas the AppHost runs.</summary>
    public const int MaxReplicas = 8;

    /// <summary>
    /// How many gateway processes the AppHost runs (1 by default). They share the fixed port through Aspire's
    /// development proxy, which spreads connections over them; the gateway keeps no session state, so any replica serves
    /// any token and any MCP session. Not a gateway setting: the Helm chart has its own replica count.
    /// </summary>
    public int Replicas { get; set; } = 1;

    /// <summary><c>Gateway:RequiredScopes</c>: scopes every token must carry (default <c>mcp:tools</c>).</summary>
    public string[]? RequiredScopes { get; set; }

    /// <summary><c>Gateway:ScopesSupported</c>: the scopes the protected-resource metadata lists.</summary>
    public string[]? ScopesSupported { get; set; }

    /// <summary><c>Gateway:AuthorizationServer:AdditionalAudiences</c>: audiences accepted besides the gateway's <c>/mcp</c> URL.</summary>
    public string[]? AdditionalAudiences { get; set; }

    /// <summary><c>Gateway:TokenValidation:AcceptedTokenTypes</c>: JWT <c>typ</c> values accepted for access tokens.</summary>
    public string[]? AcceptedTokenTypes { get; set; }

    /// <summary><c>Gateway:Claims:NameClaim</c>: the claim holding the display name (e.g. <c>preferred_username</c>).</summary>
    public string? NameClaim { get; set; }

    /// <summary><c>Gateway:Claims:RoleClaims</c>: claims holding roles (e.g. <c>groups</c>, <c>roles</c>).</summary>
    public string[]? RoleClaims { get; set; }

    /// <summary>
    /// <c>Gateway:IdentityForwarding:ForwardAccessToken</c>: pass the caller's access token on to the MCP server (off by
    /// default), for an MCP server that exchanges it (RFC 8693) for the user's upstream token in federation mode.
    /// </summary>
    public bool? ForwardAccessToken { get; set; }

    /// <summary>Each configured list with the gateway's environment key prefix and its AppHost key name.</summary>
    public IEnumerable<(string EnvironmentKey, string Name, string[] Values)> Lists()
    {
        (string, string, string[]?)[] lists =
        [
            ("Gateway__RequiredScopes", nameof(RequiredScopes), RequiredScopes),
            ("Gateway__ScopesSupported", nameof(ScopesSupported), ScopesSupported),
            ("Gateway__AuthorizationServer__AdditionalAudiences", nameof(AdditionalAudiences), AdditionalAudiences),
            ("Gateway__TokenValidation__AcceptedTokenTypes", nameof(AcceptedTokenTypes), AcceptedTokenTypes),
            ("Gateway__Claims__RoleClaims", nameof(RoleClaims), RoleClaims),
        ];
        foreach (var (key, name, values) in lists)
        {
            if (values is not null)
            {
                yield return (key, name, values);
            }
        }
    }
}
