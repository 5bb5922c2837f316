namespace McpSecure.GatewayIdentity;

/// <summary>The claims a forwarded identity carries, named as in the access token the gateway validated.</summary>
public static class GatewayIdentityClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";
    public const string Email = "email";
    /// <summary>The granted scopes, space-separated, as in an OAuth access token.</summary>
    public const string Scope = "scope";
    /// <summary>One claim per role.</summary>
    public const string Role = "role";
    /// <summary>The OAuth client the caller signed in with.</summary>
    public const string ClientId = "client_id";

    /// <summary>The caller's tenant (data per tenant: a server confines what the caller sees to it).</summary>
    public const string Tenant = "tenant";
    /// <summary>Group memberships, one claim per group (an alternative tenant claim).</summary>
    public const string Groups = "groups";

    /// <summary>What the gateway copies from the access token, and nothing else.</summary>
    public static readonly IReadOnlyList<string> Forwarded = [Subject, Name, PreferredUsername, Email, Scope, Role, ClientId, Tenant, Groups];
}
