using System.Buffers;

namespace McpSecure.Gateway.McpRequests;

/// <summary>Reads a request body into memory, never more than a limit (a larger body is not read to its end).</summary>
internal static class McpRequestBuffering
{
    public static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return (buffer.WrittenMemory, false);
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return (ReadOnlyMemory<byte>.Empty, true);
            }
        }
    }
}
