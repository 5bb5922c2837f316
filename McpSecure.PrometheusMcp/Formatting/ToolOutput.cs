namespace McpSecure.PrometheusMcp.Formatting;

/// <summary>What a tool returns: compact text for the model and, unless turned off, the same data as <c>structuredContent</c>.</summary>
internal sealed record ToolOutput<T>(string Text, T Structured)
{
    /// <summary>The MCP result; text beyond <paramref name="maxCharacters"/> is cut at a line end (<see cref="Truncation"/>), with a note saying so.</summary>
    public CallToolResult ToResult(int maxCharacters, bool structuredContent = true)
    {
        var shown = Truncation.Head(Text, maxCharacters);
        var text = shown.Length == Text.Length
            ? Text
            : shown + string.Create(CultureInfo.InvariantCulture,
                $"[truncated: showing the first {shown.Length} of {Text.Length} characters; ask for less (filters, limit, offset) to see the rest]\n");
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = structuredContent ? JsonSerializer.SerializeToElement(Structured, McpJsonUtilities.DefaultOptions) : null,
        };
    }
}
