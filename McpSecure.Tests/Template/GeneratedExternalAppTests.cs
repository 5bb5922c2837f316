using System.Diagnostics;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Template;

/// <summary>
/// A generated <c>--server external</c> app in front of an MCP server nobody here wrote,
/// <c>@modelcontextprotocol/server-everything</c>, given by <c>--upstream-url</c>: through the gateway, with a real
/// PKCE login, a session (<c>Mcp-Session-Id</c>), <c>tools/list</c>, a tool call, and a long-running tool whose
/// progress notifications reach the client while it still runs (the gateway streams, it does not buffer).
/// </summary>
[Collection(TemplateCollection.Name)]
[Trait("Category", "Template")]
public sealed class GeneratedExternalAppTests(TemplateFixture fixture, ITestOutputHelper output)
{
    private const string LongRunningTool = "trigger-long-running-operation";

    [Fact]
    public async Task The_generated_gateway_protects_a_third_party_MCP_server_and_streams_its_progress()
    {
        var app = fixture.External;
        Assert.True(app.Build?.Succeeded, $"{app} did not build: {app.Build}");
        var stopwatch = Stopwatch.StartNew();
        await using var upstream = await EverythingServer.StartAsync(fixture.UpstreamPort, TimeSpan.FromSeconds(30));

        var gateway = new Uri($"http://localhost:{app.GatewayPort}");
        var mcpUrl = new Uri(gateway, "/mcp");
        await using var host = await AppHostProcess.StartAsync(app.Project("AppHost"), app.Folder, [$"--{app.Name}:Mode=Embedded"],
            new Uri(gateway, "/health"), TimeSpan.FromMinutes(4));
        output.WriteLine($"server-everything and the gateway up after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        var discovered = await GatewayDiscovery.DiscoverAsync(mcpUrl);
        Assert.Equal(mcpUrl.AbsoluteUri, discovered.Resource);
        var token = (await PkceLogin.GetTokenAsync(discovered.Issuer, discovered.Resource, "alice", "alice-dev-password")).AccessToken;

        // The session as the upstream runs it: initialize gives a session id, the rest of the session sends it.
        using var http = EmbeddedAppFixture.CreateRawClient();
        string sessionId, protocolVersion;
        using (var initialize = McpHttp.Post(mcpUrl, token))
        using (var response = await http.SendAsync(initialize))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"initialize: {(int)response.StatusCode} {body}");
            sessionId = Assert.Single(response.Headers.GetValues("Mcp-Session-Id"));
            var result = JsonRpcResult(body);
            Assert.True(result.TryGetProperty("serverInfo", out _), body);
            protocolVersion = result.GetProperty("protocolVersion").GetString()!;
        }
        Assert.Equal(HttpStatusCode.Accepted, (await SendInSessionAsync(http, mcpUrl, token, protocolVersion, sessionId, """{"jsonrpc":"2.0","method":"notifications/initialized"}""")).Status);
        var tools = await SendInSessionAsync(http, mcpUrl, token, protocolVersion, sessionId, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        Assert.True(tools.Status == HttpStatusCode.OK, $"tools/list: {(int)tools.Status} {tools.Text}");
        Assert.Contains("\"echo\"", tools.Text, StringComparison.Ordinal);
        Assert.Contains($"\"{LongRunningTool}\"", tools.Text, StringComparison.Ordinal);
        // The upstream's sessions are its own: an unknown one is refused by it, through the gateway.
        Assert.NotEqual(HttpStatusCode.OK, (await SendInSessionAsync(http, mcpUrl, token, protocolVersion, "not-a-session", """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""")).Status);

        // The C# MCP SDK as a client application uses it.
        await using (var client = await McpConnection.ConnectAsync(mcpUrl, token))
        {
            Assert.False(string.IsNullOrEmpty(client.SessionId));
            var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "through the gateway" });
            Assert.Equal("Echo: through the gateway", McpAssert.SingleText(echo));

            var clock = Stopwatch.StartNew();
            var progress = new TimedProgress(clock);
            var result = await client.CallToolAsync(LongRunningTool, new Dictionary<string, object?> { ["duration"] = 3, ["steps"] = 3 }, progress);
            var resultAt = clock.Elapsed;
            Assert.NotEqual(true, result.IsError);
            Assert.StartsWith("Long running operation completed", McpAssert.SingleText(result), StringComparison.Ordinal);
            var reports = progress.Reports;
            output.WriteLine($"SDK: progress at {Describe(reports)}; result at {resultAt.TotalSeconds:0.00} s");
            // Step 1 ends a second into the 3-second operation: through a buffering proxy it would come with the result.
            Assert.True(reports.Count > 0 && resultAt - reports[0].At >= TimeSpan.FromSeconds(1),
                $"SDK progress handler: {Describe(reports)}, result at {resultAt.TotalSeconds:0.00} s: no progress while the tool ran.");
        }

        // The same on the wire: every progress event, in order, each as the upstream sent it, then the result.
        var events = await CallLongRunningToolAsync(http, mcpUrl, token, protocolVersion, sessionId);
        output.WriteLine($"SSE: {string.Join(", ", events.Select(e => $"{e.What} at {e.At.TotalSeconds:0.00} s"))}");
        Assert.Equal(["progress 1", "progress 2", "progress 3", "result"], events.Select(e => e.What));
        Assert.True(events[^1].At - events[0].At >= TimeSpan.FromSeconds(1.5),
            $"The first progress event came {(events[^1].At - events[0].At).TotalSeconds:0.00} s before the result: buffered.");

        var leftOver = await host.StopAsync();
        Assert.True(leftOver.Count == 0, $"Still running after the AppHost stopped (now killed):\n{string.Join('\n', leftOver)}");
        Assert.True(await upstream.StopAsync(), "server-everything did not stop.");
        output.WriteLine($"Done after {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<McpHttp.Answer> SendInSessionAsync(HttpClient http, Uri mcpUrl, string token, string protocolVersion, string sessionId, string body)
    {
        using var request = McpHttp.Post(mcpUrl, token, body);
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        using var response = await http.SendAsync(request);
        return new McpHttp.Answer(response.StatusCode, "", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Calls the long-running tool (3 s, 3 steps) with a progress token in the session, reads the SSE answer as it
    /// streams, and notes when each event arrived: "progress N" or "result".
    /// </summary>
    private static async Task<List<(string What, TimeSpan At)>> CallLongRunningToolAsync(HttpClient http, Uri mcpUrl, string token,
        string protocolVersion, string sessionId)
    {
        using var request = McpHttp.Post(mcpUrl, token,
            """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"trigger-long-running-operation","arguments":{"duration":3,"steps":3},"_meta":{"progressToken":"wire-1"}}}""");
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = new List<(string What, TimeSpan At)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            // Skip event ids and the empty priming event a resumable stream begins with.
            if (!line.StartsWith("data:", StringComparison.Ordinal) || line[5..].Trim().Length == 0)
            {
                continue;
            }
            var message = JsonDocument.Parse(line[5..]).RootElement;
            if (message.TryGetProperty("id", out _))
            {
                events.Add(("result", clock.Elapsed));
                break;
            }
            events.Add(($"progress {message.GetProperty("params").GetProperty("progress").GetDouble()}", clock.Elapsed));
        }
        return events;
    }

    private static string Describe(IReadOnlyList<(TimeSpan At, float Progress)> reports) =>
        reports.Count == 0 ? "none" : string.Join(", ", reports.Select(r => $"{r.Progress} at {r.At.TotalSeconds:0.00} s"));

    /// <summary>The <c>result</c> of a JSON-RPC answer sent as JSON or as an SSE stream (its <c>data:</c> lines).</summary>
    private static JsonElement JsonRpcResult(string body)
    {
        var json = body.TrimStart().StartsWith('{')
            ? body
            : string.Concat(body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()));
        return JsonDocument.Parse(json).RootElement.GetProperty("result");
    }
}
