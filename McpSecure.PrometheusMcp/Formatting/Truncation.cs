namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>How every tool shortens text that is too long for a model's context: at a line end, so no line is shown half.</summary>
internal static class Truncation
{
    /// <summary>
    /// <paramref name="text"/> itself when it has at most <paramref name="maxCharacters"/> characters; otherwise its start,
    /// cut after the last line break within the limit (or at the limit when there is none).
    /// </summary>
    public static string Head(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }
        var lineEnd = text.LastIndexOf('\n', maxCharacters - 1);
        return text[..(lineEnd <= 0 ? maxCharacters : lineEnd + 1)];
    }
}
