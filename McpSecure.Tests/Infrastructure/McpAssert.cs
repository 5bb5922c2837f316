using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Infrastructure;

/// <summary>Assertions on what an MCP server answers, shared by the tests that drive real clients.</summary>
public static class McpAssert
{
    /// <summary>A line of the <c>up</c> query showing that Prometheus scraped the gateway and found it up.</summary>
    public const string GatewayIsUp = """up\{[^}]*job="gateway"[^}]*\} 1""";

    /// <summary>The one text block of a tool result.</summary>
    public static string SingleText(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    /// <summary>Calls <c>execute_query up</c> and asserts real scraped data came back (the gateway is up); returns the text.</summary>
    public static async Task<string> ServesRealDataAsync(McpClient client)
    {
        var result = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" });
        Assert.NotEqual(true, result.IsError);
        var text = SingleText(result);
        Assert.Matches(GatewayIsUp, text);
        return text;
    }
}
