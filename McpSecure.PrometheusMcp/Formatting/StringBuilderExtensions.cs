namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>The text pieces that several tools write the same way.</summary>
internal static class StringBuilderExtensions
{
    /// <summary>Appends a truncation or paging note on its own line, when there is one.</summary>
    public static StringBuilder AppendNote(this StringBuilder text, string? note) =>
        note is null ? text : text.AppendLine(note);

    /// <summary>Appends one <c>key&lt;TAB&gt;value</c> line per pair (build info, runtime info, flags).</summary>
    public static StringBuilder AppendPairs(this StringBuilder text, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var (key, value) in pairs)
        {
            text.Append(key).Append('\t').AppendLine(value);
        }
        return text;
    }
}
