using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// Plain HTTP requests to an MCP endpoint, for tests that must see the exact status, challenge and body (the MCP
/// client would turn them into an exception): above all the <c>initialize</c> request every MCP session begins with.
/// </summary>
public static class McpHttp
{
    /// <summary>The JSON-RPC body of an MCP <c>initialize</c> request.</summary>
    public const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpsecure-tests","version":"1.0"}}}""";

    /// <summary>What came back: the status, every <c>WWW-Authenticate</c> value (joined by " | "), and the body.</summary>
    public sealed record Answer(HttpStatusCode Status, string Challenge, string Text)
    {
        /// <summary>The body as JSON (error bodies); fails the test when it is not JSON.</summary>
        public JsonElement Json => Text.Length > 0
            ? JsonDocument.Parse(Text).RootElement
            : throw new Xunit.Sdk.XunitException($"Expected a JSON body, got an empty {(int)Status} answer.");
    }

    /// <summary>A POST of <paramref name="body"/> that accepts both MCP answer types (JSON and an SSE stream), as clients send it.</summary>
    /// <param name="accessToken">Sent as <c>Authorization: Bearer</c> when given.</param>
    public static HttpRequestMessage Post(Uri endpoint, string? accessToken = null, string body = InitializeBody)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return request;
    }

    /// <summary>Sends an <c>initialize</c> request with <paramref name="headers"/> added.</summary>
    public static async Task<Answer> InitializeAsync(Uri endpoint, string? accessToken = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = Post(endpoint, accessToken);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await SendAsync(request);
    }

    public static async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var response = await http.SendAsync(request);
        return new Answer(response.StatusCode, string.Join(" | ", response.Headers.WwwAuthenticate.Select(h => h.ToString())),
            await response.Content.ReadAsStringAsync());
    }
}
