using System.Buffers;

namespace McpSecure.Gateway.McpRequests;

/// <summary>Reads a request body into memory, never more than a limit (a larger body is not read to its end).</summary>
internal static class McpRequestBuffering
{
    public static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBoundedAsync(request, limit, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (the same size) cut a chunked body first.
            return (ReadOnlyMemory<byte>.Empty, true);
        }
    }

    private static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBoundedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is { } length and > 0 ? (int)Math.Min(length, limit) : 4096);
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
