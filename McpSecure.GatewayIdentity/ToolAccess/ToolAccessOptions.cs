namespace McpSecure.GatewayIdentity.ToolAccess;

/// <summary>
/// Who may call which MCP tool: one rule per tool name or name pattern. The same section shape is read by the gateway
/// (<c>Gateway:ToolAccess</c>, checked before a request reaches the MCP server) and by the MCP server
/// (<c>ToolAccess</c>, checked again there), and evaluated by the same <see cref="ToolAccessPolicy"/>.
/// </summary>
/// <remarks>
/// A key is a tool name (<c>get_config</c>) or a prefix pattern ending in <c>*</c> (<c>get_*</c>, or <c>*</c> for every
/// other tool). An exact name wins over a pattern, a longer pattern over a shorter one. With no rules at all, nothing is
/// restricted beyond what the host requires anyway; with rules, a tool that no rule matches is refused.
/// </remarks>
public sealed class ToolAccessOptions
{
    /// <summary>The MCP server's section; the gateway reads <c>Gateway:ToolAccess</c>.</summary>
    public const string SectionName = "ToolAccess";

    /// <summary>False turns the rules off (every tool open to every caller the host lets in), without deleting them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The rules, by tool name or prefix pattern.</summary>
    public Dictionary<string, ToolAccessRule> Tools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a request without a verified caller (no gateway identity: a neighbour inside the app) may call every tool.
    /// False by default; the gateway never forwards an authenticated request without an identity.
    /// </summary>
    public bool AllowUnidentifiedCallers { get; set; }
}
