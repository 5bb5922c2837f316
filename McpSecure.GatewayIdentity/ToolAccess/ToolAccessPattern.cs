namespace McpSecure.GatewayIdentity.ToolAccess;

/// <summary>The syntax of a <see cref="ToolAccessOptions.Tools"/> key.</summary>
internal static class ToolAccessPattern
{
    /// <summary>A key ending in <c>*</c> matches every tool name that starts with what precedes it.</summary>
    public const string Wildcard = "*";

    /// <summary>Why <paramref name="key"/> is not a valid tool name or pattern, or null when it is.</summary>
    public static string? Problem(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "is empty";
        }
        var star = key.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && star != key.Length - 1)
        {
            return "may contain '*' only as its last character (a prefix pattern such as get_* or *)";
        }
        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "contains white space or control characters";
        }
        return null;
    }
}
