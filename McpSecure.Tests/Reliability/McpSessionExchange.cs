using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// Streamable HTTP exchanges of one MCP session, sent by hand so that each request can go to another gateway (replica,
/// shared port) with the same token and <c>Mcp-Session-Id</c>: what came back, its JSON-RPC message (a JSON body or
/// the first non-empty <c>data:</c> of an SSE answer), and how long it took.
/// </summary>
public sealed record McpSessionExchange(HttpStatusCode Status, string? SessionId, string Text, TimeSpan Elapsed)
{
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>Longest a client waits here: far beyond any of the gateway's own limits, so a hang shows as a failure.</summary>
    private static readonly TimeSpan ClientLimit = TimeSpan.FromSeconds(30);

    public static Task<McpSessionExchange> InitializeAsync(Uri mcpUrl, string token) =>
        SendAsync(mcpUrl, token, null, McpHttp.InitializeBody);

    public static Task<McpSessionExchange> InitializedAsync(Uri mcpUrl, string token, string sessionId) =>
        SendAsync(mcpUrl, token, sessionId, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");

    /// <summary>The <c>echo</c> tool (server-everything); its text is <c>Echo: {message}</c>.</summary>
    public static Task<McpSessionExchange> EchoAsync(Uri mcpUrl, string token, string sessionId, string message, int id = 2, TimeSpan? clientLimit = null) =>
        SendAsync(mcpUrl, token, sessionId, clientLimit: clientLimit, body:
            JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method = "tools/call", @params = new { name = "echo", arguments = new { message } } }));

    public static Task<McpSessionExchange> ToolsListAsync(Uri mcpUrl, string token, string? sessionId, int id = 3) =>
        SendAsync(mcpUrl, token, sessionId, $$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/list"}""");

    public static async Task<McpSessionExchange> SendAsync(Uri mcpUrl, string? token, string? sessionId, string body, TimeSpan? clientLimit = null)
    {
        using var http = new HttpClient { Timeout = clientLimit ?? ClientLimit };
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
            request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        }
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new McpSessionExchange(response.StatusCode,
            response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? ids.Single() : null, text, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The JSON-RPC message of the answer: the body itself, or the first SSE event's data.</summary>
    public JsonElement Message
    {
        get
        {
            var json = Text.TrimStart().StartsWith('{')
                ? Text
                // The first event with data: server-everything (resumable, with an event store) opens with an empty priming event.
                : Text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("data:", StringComparison.Ordinal))
                      .Select(l => l["data:".Length..].Trim()).FirstOrDefault(data => data.Length > 0)
                  ?? throw new Xunit.Sdk.XunitException($"No JSON-RPC message in the answer: {this}");
            return JsonDocument.Parse(json).RootElement.Clone();
        }
    }

    /// <summary>The text of a <c>tools/call</c> result's first content block.</summary>
    public string ToolText => Message.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    public override string ToString() => $"{(int)Status} after {Elapsed.TotalSeconds:0.00} s (session {SessionId ?? "-"}): {Text}";
}
