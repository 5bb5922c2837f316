namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// Section <c>Identity:Federation:UpstreamTokens</c> (federation mode only): whether the user's upstream tokens are
/// kept, encrypted, so that an MCP server can call upstream APIs as that user through the RFC 8693 token exchange at
/// <c>/connect/token</c>; which confidential clients may ask; for which audiences. Off by default.
/// </summary>
internal sealed class UpstreamTokenOptions
{
    public const string SectionName = "Identity:Federation:UpstreamTokens";

    /// <summary>Keep the upstream access and refresh tokens of every federated sign-in (encrypted at rest, per user).</summary>
    public bool Keep { get; set; }

    /// <summary>
    /// Client ids (confidential realm clients, e.g. the MCP server's own) allowed to use the token-exchange grant.
    /// Any other client gets <c>unauthorized_client</c>.
    /// </summary>
    public List<string> ExchangeClients { get; set; } = [];

    /// <summary>
    /// The upstream audiences a client may name in <c>audience</c> (or <c>resource</c>): the APIs the upstream access
    /// token is meant for. Any other gets <c>invalid_target</c>.
    /// </summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>A stored access token that expires within this time is refreshed first (default 60 s).</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(60);
}
