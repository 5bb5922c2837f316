namespace McpSecure.Identity.Federation;

/// <summary>
/// Federation mode, section <c>Identity:Federation</c>: users sign in at an upstream OpenID Connect provider (the
/// organisation's) instead of with local accounts, and this provider issues its own tokens for the gateway's resource.
/// Off while <see cref="Issuer"/> is empty. Checked at start-up by <see cref="FederationOptionsValidator"/>.
/// </summary>
internal sealed class FederationOptions
{
    public const string SectionName = "Identity:Federation";

    /// <summary>The upstream provider's issuer, exactly as in its discovery document and ID tokens (https; http only on loopback).</summary>
    public string? Issuer { get; set; }

    /// <summary>The client pre-registered at the upstream provider for this server (redirect URI <c>{Identity:Issuer}federation/callback</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>Its secret when the upstream client is confidential; empty for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked of the upstream provider; <c>openid</c> is required (ID token, nonce).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Which upstream claims become the local user's subject, name, user name, email and roles.</summary>
    public FederationClaimOptions Claims { get; set; } = new();

    /// <summary>
    /// Upstream group or role values (from <see cref="FederationClaimOptions.Roles"/>) mapped to realm roles, e.g.
    /// <c>mcp-admins</c> → <c>admin</c>. A value that is itself a realm role name maps to that role; any other is dropped.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>Realm roles every federated user gets, e.g. <c>reader</c>.</summary>
    public List<string> DefaultRoles { get; set; } = [];

    /// <summary>The name the pages show for the upstream provider.</summary>
    public string? DisplayName { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Issuer);

    /// <summary>The scopes actually requested: the configured ones, or <c>openid profile email</c>.</summary>
    public IReadOnlyList<string> EffectiveScopes => Scopes.Count > 0 ? Scopes : ["openid", "profile", "email"];
}
