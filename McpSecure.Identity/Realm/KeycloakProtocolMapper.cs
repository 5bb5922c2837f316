namespace McpSecure.Identity.Realm;

/// <summary>A protocol mapper of a client scope; only the audience mapper has a meaning here.</summary>
internal sealed class KeycloakProtocolMapper
{
    public const string AudienceMapper = "oidc-audience-mapper";

    /// <summary>The mapper setting that puts the mapped value into access tokens.</summary>
    public const string AccessTokenClaimSetting = "access.token.claim";

    public string? Name { get; init; }
    public string? ProtocolMapper { get; init; }
    public Dictionary<string, string> Config { get; init; } = [];
}
