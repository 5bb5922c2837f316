using System.Text.Json;

namespace McpSecure.Tests.Reliability;

/// <summary>The JSON-RPC messages of an MCP answer, whether it came as one JSON body or as an SSE stream.</summary>
public static class JsonRpcAnswer
{
    public static IReadOnlyList<JsonElement> Messages(string? contentType, string text)
    {
        if (contentType == "text/event-stream")
        {
            return [.. text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal))
                .Select(l => l["data:".Length..].Trim()).Where(d => d.Length > 0).Select(d => JsonDocument.Parse(d).RootElement.Clone())];
        }
        return text.Length == 0 ? [] : [JsonDocument.Parse(text).RootElement.Clone()];
    }

    /// <summary>The message answering request <paramref name="id"/> (a number), if any.</summary>
    public static JsonElement? For(IReadOnlyList<JsonElement> messages, long id) =>
        messages.Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id)
            .Select(m => (JsonElement?)m).FirstOrDefault();
}
