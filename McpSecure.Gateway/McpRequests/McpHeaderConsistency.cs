using Microsoft.Extensions.Primitives;

namespace McpSecure.Gateway.McpRequests;

/// <summary>
/// The 2026-07-28 rule for intermediaries that read <c>Mcp-Method</c> and <c>Mcp-Name</c>: the body is the truth, and a
/// header that says something else is refused (HTTP 400 with the JSON-RPC error -32020 and the request's id), so that no component routes or authorizes on one value while
/// the MCP server runs another. Absent headers are fine (2025-11-25 requests have none).
/// </summary>
internal static class McpHeaderConsistency
{
    public static McpRequestRejection? Check(IHeaderDictionary headers, IReadOnlyList<McpMessage> messages)
    {
        var method = headers[McpRequestHeaders.Method];
        var name = headers[McpRequestHeaders.Name];
        if (method.Count == 0 && name.Count == 0)
        {
            return null;
        }
        if (method.Count > 1 || name.Count > 1)
        {
            return McpRequestRejection.Mismatch($"The request carries more than one {(method.Count > 1 ? McpRequestHeaders.Method : McpRequestHeaders.Name)} header.");
        }
        if (messages.Count != 1)
        {
            return McpRequestRejection.Mismatch($"{McpRequestHeaders.Method}/{McpRequestHeaders.Name} headers describe one message, but the body is a batch of {messages.Count}.");
        }
        var message = messages[0];
        var id = message.IdJson;
        if (!StringValues.IsNullOrEmpty(method) && method.ToString().Trim() != message.Method)
        {
            return McpRequestRejection.Mismatch(
                $"Header mismatch: {McpRequestHeaders.Method} '{Printable(method)}' does not match the body's method '{message.Method ?? "(none: a response)"}'.", id);
        }
        if (name.Count == 1)
        {
            if (McpRequestHeaders.Decode(name.ToString()) is not { } decoded)
            {
                return McpRequestRejection.Mismatch($"Header mismatch: {McpRequestHeaders.Name} is neither printable ASCII nor valid =?base64?…?= UTF-8.", id);
            }
            if (decoded != message.Name)
            {
                return McpRequestRejection.Mismatch(
                    $"Header mismatch: {McpRequestHeaders.Name} '{Printable(decoded)}' does not match the body's " +
                    $"{(message.Method == McpMessage.ResourcesRead ? "params.uri" : "params.name")} '{message.Name ?? "(none)"}'.", id);
            }
        }
        return null;
    }

    /// <summary>A header value safe to echo in an error message: printable ASCII, at most 100 characters.</summary>
    private static string Printable(string? value)
    {
        var printable = new string((value ?? "").Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').Take(100).ToArray());
        return printable.Length < (value?.Length ?? 0) ? printable + "…" : printable;
    }
}
