namespace McpSecure.GatewayIdentity.ToolAccess;

/// <summary>What a caller needs to call the tools a <see cref="ToolAccessOptions.Tools"/> key matches.</summary>
public sealed class ToolAccessRule
{
    /// <summary>Scopes the caller's token must grant, all of them (OAuth scopes; a client can step up to get them).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>Roles of which the caller must have at least one, when any are listed (a role cannot be stepped up to).</summary>
    public string[] Roles { get; set; } = [];
}
