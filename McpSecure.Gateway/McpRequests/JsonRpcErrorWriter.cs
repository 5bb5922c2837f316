using System.Text.Json;

namespace McpSecure.Gateway.McpRequests;

/// <summary>
/// Writes a JSON-RPC 2.0 error response, <c>{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…}}</c>, with the
/// request's id as it came (a number or a string; <c>null</c> when there is none, as JSON-RPC says for an id that
/// cannot be determined).
/// </summary>
internal static class JsonRpcErrorWriter
{
    public static async Task WriteAsync(HttpResponse response, int status, string? idJson, int code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (idJson is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                // Raw JSON that McpRequestBody read from the request as a string or a number token.
                writer.WriteRawValue(idJson, skipInputValidation: false);
            }
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray(), response.HttpContext.RequestAborted);
    }
}
