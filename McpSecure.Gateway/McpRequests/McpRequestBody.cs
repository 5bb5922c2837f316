using System.Text.Json;
using System.Text.Unicode;

namespace McpSecure.Gateway.McpRequests;

/// <summary>
/// Reads the JSON-RPC messages of a streamable HTTP POST body: one message, or a batch (an array) of them. Strict where
/// leniency would let a call past the gateway that the MCP server then runs: duplicate properties, case variants of
/// <c>method</c>/<c>params</c>/<c>name</c>, a non-string method or tool name, and an empty batch are refused.
/// </summary>
internal static class McpRequestBody
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>The messages, or why the body cannot be read.</summary>
    public static (IReadOnlyList<McpMessage> Messages, McpRequestRejection? Rejection) Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return ([], McpRequestRejection.Malformed("The request body is empty; a POST to the MCP endpoint carries a JSON-RPC message."));
        }
        if (!Utf8.IsValid(body.Span))
        {
            // JSON travels as UTF-8 (RFC 8259 §8.1). The parser checks string contents only when they are read, so a
            // name or value with invalid bytes would otherwise surface later as an exception instead of this answer.
            return ([], McpRequestRejection.Malformed("The request body is not valid UTF-8; JSON-RPC messages are UTF-8 encoded JSON."));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Strict);
        }
        catch (JsonException exception)
        {
            // The parser's message names the problem and position, never the content.
            return ([], McpRequestRejection.Malformed($"The request body is not valid JSON: {exception.Message}"));
        }
        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return Single(root, index: null);
                case JsonValueKind.Array when root.GetArrayLength() == 0:
                    return ([], McpRequestRejection.Malformed("The request body is an empty JSON-RPC batch."));
                case JsonValueKind.Array:
                    var messages = new List<McpMessage>();
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                    {
                        var (message, rejection) = Single(element, index++);
                        if (rejection is not null)
                        {
                            return ([], rejection);
                        }
                        messages.AddRange(message);
                    }
                    return (messages, null);
                default:
                    return ([], McpRequestRejection.Malformed($"The request body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a JSON-RPC message (an object) or batch (an array)."));
            }
        }
    }

    private static (IReadOnlyList<McpMessage>, McpRequestRejection?) Single(JsonElement element, int? index)
    {
        var where = index is null ? "The JSON-RPC message" : $"JSON-RPC batch element {index}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            return ([], McpRequestRejection.Malformed($"{where} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object."));
        }
        if (CaseVariant(element, "method", "params", "id") is { } variant)
        {
            return ([], McpRequestRejection.Malformed($"{where} has a property '{variant}': JSON-RPC member names are lower case."));
        }
        var idJson = element.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? idElement.GetRawText()
            : null;
        if (!element.TryGetProperty("method", out var methodElement))
        {
            // A response to a server request (sampling, elicitation, roots): nothing to authorize.
            return ([new McpMessage(null, null, IsNotification: false, idJson)], null);
        }
        if (methodElement.ValueKind != JsonValueKind.String || methodElement.GetString() is not { Length: > 0 } method)
        {
            return ([], McpRequestRejection.Malformed($"{where} has a 'method' that is not a non-empty string."));
        }
        var isNotification = !element.TryGetProperty("id", out _);
        var nameField = method switch
        {
            McpMessage.ToolsCall or McpMessage.PromptsGet => "name",
            McpMessage.ResourcesRead => "uri",
            _ => null,
        };
        if (nameField is null)
        {
            return ([new McpMessage(method, null, isNotification, idJson)], null);
        }
        if (!element.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return ([], McpRequestRejection.Malformed($"{where} ({method}) has no 'params' object."));
        }
        if (CaseVariant(parameters, nameField) is { } paramVariant)
        {
            return ([], McpRequestRejection.Malformed($"{where} ({method}) has a parameter '{paramVariant}': the member is '{nameField}'."));
        }
        if (!parameters.TryGetProperty(nameField, out var nameElement) || nameElement.ValueKind != JsonValueKind.String ||
            nameElement.GetString() is not { Length: > 0 } name)
        {
            return ([], McpRequestRejection.Malformed($"{where} ({method}) has no string 'params.{nameField}'."));
        }
        return ([new McpMessage(method, name, isNotification, idJson)], null);
    }

    /// <summary>A property whose name equals one of <paramref name="names"/> ignoring case but not exactly.</summary>
    private static string? CaseVariant(JsonElement element, params string[] names) =>
        element.EnumerateObject()
            .Select(property => property.Name)
            .FirstOrDefault(name => names.Any(expected =>
                string.Equals(name, expected, StringComparison.OrdinalIgnoreCase) && !string.Equals(name, expected, StringComparison.Ordinal)));
}
