using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>A real MCP client connected straight to the prometheus-mcp resource (inside the app, behind the gateway).</summary>
public static class DirectMcp
{
    public static Task<McpClient> ConnectAsync(EmbeddedAppFixture fixture) => ConnectAsync(fixture.McpServerUrl);

    public static Task<McpClient> ConnectAsync(Uri endpoint, IDictionary<string, string>? headers = null) =>
        McpConnection.ConnectAsync(endpoint, headers: headers);

    /// <summary>Calls a tool and returns its single text block and its structured content.</summary>
    public static async Task<ToolAnswer> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        var result = await client.CallToolAsync(tool, args);
        var text = McpAssert.SingleText(result);
        return new ToolAnswer(result.IsError == true, text, result.StructuredContent);
    }

    public sealed record ToolAnswer(bool IsError, string Text, JsonElement? Structured)
    {
        public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public JsonElement Json => Structured ?? throw new Xunit.Sdk.XunitException($"No structuredContent; text was: {Text}");

        public ToolAnswer Ok()
        {
            Assert.False(IsError, $"The tool returned an error: {Text}");
            return this;
        }
    }
}
