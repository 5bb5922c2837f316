namespace McpSecure.Identity.Realm;

/// <summary>A realm client; seeded as an OpenIddict application.</summary>
internal sealed class KeycloakClient
{
    public string? ClientId { get; init; }
    public string? Name { get; init; }
    public bool Enabled { get; init; } = true;
    public bool PublicClient { get; init; }
    public bool ConsentRequired { get; init; }
    public bool StandardFlowEnabled { get; init; } = true;

    /// <summary>Keycloak's name for the client credentials grant (a service account for the client).</summary>
    public bool ServiceAccountsEnabled { get; init; }

    /// <summary>The secret of a confidential client.</summary>
    public string? Secret { get; init; }

    /// <summary>Scopes granted when the client asks for none (client credentials).</summary>
    public List<string> DefaultClientScopes { get; init; } = [];

    /// <summary>Keycloak syntax: a trailing <c>*</c> is a wildcard, e.g. <c>http://127.0.0.1/*</c>.</summary>
    public List<string> RedirectUris { get; init; } = [];

    public Dictionary<string, string> Attributes { get; init; } = [];
}
