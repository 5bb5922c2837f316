using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSecure.PrometheusMcp;

/// <summary>What a tool returns: compact text for the model and the same data as <c>structuredContent</c>.</summary>
public sealed record ToolOutput<T>(string Text, T Structured)
{
    /// <summary>The MCP result; text beyond <paramref name="maxCharacters"/> is cut at a line end, with a note saying so.</summary>
    public CallToolResult ToResult(int maxCharacters)
    {
        var text = Text;
        if (text.Length > maxCharacters)
        {
            var cut = text.LastIndexOf('\n', maxCharacters - 1);
            cut = cut <= 0 ? maxCharacters : cut + 1;
            text = text[..cut] + string.Create(CultureInfo.InvariantCulture,
                $"[truncated: showing the first {cut} of {Text.Length} characters; ask for less (filters, limit, offset) to see the rest]\n");
        }
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(Structured, McpJsonUtilities.DefaultOptions),
        };
    }
}
