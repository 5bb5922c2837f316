namespace McpSecure.GatewayIdentity.ToolAccess;

/// <summary>The verdict on one tool call, with what a refused caller lacks.</summary>
/// <param name="Tool">The tool asked for.</param>
/// <param name="Rule">The key of the rule that decided (a tool name or pattern), or null when none matched.</param>
/// <param name="MissingScopes">Scopes the rule wants that the caller's token does not grant.</param>
/// <param name="RequiredScopes">Every scope the rule wants.</param>
/// <param name="MissingRoles">The rule's roles when the caller has none of them; empty otherwise.</param>
public sealed record ToolAccessDecision(
    string Tool,
    string? Rule,
    IReadOnlyList<string> MissingScopes,
    IReadOnlyList<string> RequiredScopes,
    IReadOnlyList<string> MissingRoles)
{
    public bool IsAllowed => Rule is not null && MissingScopes.Count == 0 && MissingRoles.Count == 0;

    /// <summary>True when only scopes are missing: the caller can get them by asking the authorization server again (step-up).</summary>
    public bool CanStepUp => Rule is not null && MissingScopes.Count > 0 && MissingRoles.Count == 0;

    /// <summary>Why the call is refused, for error messages (names the tool and what is missing; never a token).</summary>
    public string Describe()
    {
        if (IsAllowed)
        {
            return $"The tool '{Tool}' may be called.";
        }
        if (Rule is null)
        {
            return $"The tool '{Tool}' is not allowed: no tool access rule matches it.";
        }
        var missing = new List<string>();
        if (MissingScopes.Count > 0)
        {
            missing.Add($"the scope{(MissingScopes.Count > 1 ? "s" : "")} {string.Join(' ', MissingScopes)}");
        }
        if (MissingRoles.Count > 0)
        {
            missing.Add(MissingRoles.Count > 1 ? $"one of the roles {string.Join(", ", MissingRoles)}" : $"the role {MissingRoles[0]}");
        }
        return $"The tool '{Tool}' requires {string.Join(" and ", missing)}.";
    }
}
