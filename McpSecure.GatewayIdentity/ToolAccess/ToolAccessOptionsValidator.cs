using Microsoft.Extensions.Options;

namespace McpSecure.GatewayIdentity.ToolAccess;

/// <summary>Refuses to start with a rule that could not mean what its author meant; every message names the full key.</summary>
/// <param name="sectionPath">Where the options are bound from (<c>ToolAccess</c> on an MCP server, <c>Gateway:ToolAccess</c> on the gateway).</param>
internal sealed class ToolAccessOptionsValidator(string sectionPath) : IValidateOptions<ToolAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, ToolAccessOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Problems(ToolAccessOptions options)
    {
        foreach (var (key, rule) in options.Tools)
        {
            var path = $"{sectionPath}:Tools:{key}";
            if (ToolAccessPattern.Problem(key) is { } problem)
            {
                yield return $"{path}: the tool name or pattern '{key}' {problem}.";
            }
            if (rule is null)
            {
                continue;
            }
            foreach (var (values, kind) in new[] { (rule.Scopes, "Scopes"), (rule.Roles, "Roles") })
            {
                for (var i = 0; i < values.Length; i++)
                {
                    if (string.IsNullOrWhiteSpace(values[i]) || values[i].Any(char.IsWhiteSpace))
                    {
                        yield return $"{path}:{kind}:{i} must be one non-empty {kind.ToLowerInvariant()[..^1]} without spaces (got '{values[i]}').";
                    }
                }
            }
        }
    }
}
