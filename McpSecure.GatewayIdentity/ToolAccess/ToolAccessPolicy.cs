namespace McpSecure.GatewayIdentity.ToolAccess;

/// <summary>
/// Evaluates <see cref="ToolAccessOptions"/>: which rule applies to a tool, and whether a caller with given scopes and
/// roles satisfies it. Pure and thread-safe; the gateway and the MCP server both use it, so they cannot disagree.
/// </summary>
public sealed class ToolAccessPolicy
{
    private readonly Dictionary<string, ToolAccessRule> _exact;
    private readonly (string Prefix, string Key, ToolAccessRule Rule)[] _patterns;

    public ToolAccessPolicy(ToolAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tools = options.Enabled ? options.Tools : [];
        _exact = tools.Where(rule => !rule.Key.EndsWith(ToolAccessPattern.Wildcard))
            .ToDictionary(rule => rule.Key, rule => rule.Value, StringComparer.Ordinal);
        // Longest prefix first: the most specific pattern decides.
        _patterns = tools.Where(rule => rule.Key.EndsWith(ToolAccessPattern.Wildcard))
            .Select(rule => (Prefix: rule.Key[..^1], rule.Key, rule.Value))
            .OrderByDescending(pattern => pattern.Prefix.Length)
            .ToArray();
        AllowUnidentifiedCallers = options.AllowUnidentifiedCallers;
        KnownScopes = tools.Values.SelectMany(rule => rule.Scopes).ToHashSet(StringComparer.Ordinal);
        CatchAllScopes = tools.TryGetValue(ToolAccessPattern.Wildcard, out var catchAll) ? [.. catchAll.Scopes.Distinct(StringComparer.Ordinal)] : [];
    }

    /// <summary>No rule at all (or <see cref="ToolAccessOptions.Enabled"/> false): the policy restricts nothing.</summary>
    public bool IsUnrestricted => _exact.Count == 0 && _patterns.Length == 0;

    /// <summary>See <see cref="ToolAccessOptions.AllowUnidentifiedCallers"/>.</summary>
    public bool AllowUnidentifiedCallers { get; }

    /// <summary>Every scope some rule asks for.</summary>
    public IReadOnlySet<string> KnownScopes { get; }

    /// <summary>
    /// The scopes of the <c>*</c> rule: what the ordinary tools need. A resource server's first challenge asks for them,
    /// so that a client's first login covers those tools and only the stricter ones need a step-up.
    /// </summary>
    public IReadOnlyList<string> CatchAllScopes { get; }

    /// <summary>The rule for <paramref name="tool"/> and its key, or null when none matches.</summary>
    public (string Key, ToolAccessRule Rule)? RuleFor(string tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (_exact.TryGetValue(tool, out var exact))
        {
            return (tool, exact);
        }
        foreach (var (prefix, key, rule) in _patterns)
        {
            if (tool.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (key, rule);
            }
        }
        return null;
    }

    /// <summary>Whether a caller with <paramref name="scopes"/> and <paramref name="roles"/> may call <paramref name="tool"/>.</summary>
    public ToolAccessDecision Evaluate(string tool, IReadOnlySet<string> scopes, IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(roles);
        if (IsUnrestricted)
        {
            return new ToolAccessDecision(tool, ToolAccessPattern.Wildcard, [], [], []);
        }
        if (RuleFor(tool) is not var (key, rule))
        {
            return new ToolAccessDecision(tool, null, [], [], []);
        }
        var required = rule.Scopes.Distinct(StringComparer.Ordinal).ToArray();
        var missingScopes = required.Where(scope => !scopes.Contains(scope)).ToArray();
        var missingRoles = rule.Roles.Length == 0 || rule.Roles.Any(roles.Contains) ? [] : rule.Roles.Distinct(StringComparer.Ordinal).ToArray();
        return new ToolAccessDecision(tool, key, missingScopes, required, missingRoles);
    }

    /// <summary>The verdict for the caller of a request, as the gateway identity scheme put it in <paramref name="caller"/>.</summary>
    /// <returns>Null for an unidentified caller (no verified identity): see <see cref="AllowUnidentifiedCallers"/>.</returns>
    public ToolAccessDecision? Evaluate(string tool, GatewayCaller? caller) =>
        caller is null ? null : Evaluate(tool, caller.Scopes, caller.Roles);

    /// <summary>Whether the caller of a request may call <paramref name="tool"/>, unidentified callers included.</summary>
    public bool Allows(string tool, GatewayCaller? caller) =>
        caller is null ? AllowUnidentifiedCallers || IsUnrestricted : Evaluate(tool, caller.Scopes, caller.Roles).IsAllowed;
}
