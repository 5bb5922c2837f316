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

            // The SDK hands notifications to the handler on their own: the last one, sent just before the result, may trail it.
            var reports = await progress.WaitForAsync(3, TimeSpan.FromSeconds(5));
            output.WriteLine($"Progress at {string.Join(", ", reports.Select(r => $"{r.Progress}: {r.At.TotalSeconds:0.00} s"))}; result at {resultAt.TotalSeconds:0.00} s");
            Assert.Equal([1f, 2f, 3f], reports.Select(r => r.Progress).Order());
            // Step 1 ends a second into the 3-second operation: a buffering proxy would deliver it with the result (or after).
            Assert.True(resultAt - reports[0].At >= TimeSpan.FromSeconds(1),
                $"The first progress notification arrived at {reports[0].At.TotalSeconds:0.00} s, the result at {resultAt.TotalSeconds:0.00} s: not while the tool ran.");
        }

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

    /// <summary>The <c>result</c> of a JSON-RPC answer sent as JSON or as an SSE stream (its <c>data:</c> lines).</summary>
    private static JsonElement JsonRpcResult(string body)
    {
        var json = body.TrimStart().StartsWith('{')
            ? body
            : string.Concat(body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()));
        return JsonDocument.Parse(json).RootElement.GetProperty("result");
    }
}
