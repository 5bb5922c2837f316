using ModelContextProtocol.Client;

namespace McpSecure.Tests.Infrastructure;

/// <summary>The real C# MCP SDK client over streamable HTTP, as the tests connect it.</summary>
public static class McpConnection
{
    /// <param name="accessToken">Sent as <c>Authorization: Bearer</c> when given.</param>
    /// <param name="headers">Further request headers (e.g. spoofed ones).</param>
    public static Task<McpClient> ConnectAsync(Uri endpoint, string? accessToken = null, IDictionary<string, string>? headers = null)
    {
        var allHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>());
        if (accessToken is not null)
        {
            allHeaders["Authorization"] = $"Bearer {accessToken}";
        }
        return McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = allHeaders,
        }));
    }
}
