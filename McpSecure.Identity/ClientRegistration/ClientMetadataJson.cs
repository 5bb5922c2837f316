using System.Text.Json;
using System.Text.Unicode;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>Why a client's metadata (a registration body or a Client ID Metadata Document) could not be read.</summary>
internal enum ClientMetadataJsonProblem
{
    None,
    TooLarge,
    NotUtf8,
    NotJson,
}

/// <summary>
/// Reads client metadata from a stream: at most <c>maxBytes</c> (a chunked body or response carries no length to check
/// first), UTF-8 (checked before parsing: the parser reads string contents lazily, so a validator would otherwise meet
/// invalid bytes as an exception, a 500), then JSON. Each caller words the refusal its own way.
/// </summary>
internal static class ClientMetadataJson
{
    public static async Task<(JsonElement Root, ClientMetadataJsonProblem Problem)> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        if (length > maxBytes)
        {
            return (default, ClientMetadataJsonProblem.TooLarge);
        }
        if (!Utf8.IsValid(buffer.AsSpan(0, length)))
        {
            return (default, ClientMetadataJsonProblem.NotUtf8);
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            return (document.RootElement.Clone(), ClientMetadataJsonProblem.None);
        }
        catch (JsonException)
        {
            return (default, ClientMetadataJsonProblem.NotJson);
        }
    }
}
