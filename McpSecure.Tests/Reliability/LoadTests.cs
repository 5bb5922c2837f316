using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// Load, long streams and hostile input through the real gateway of the real AppHost (Embedded mode), with a token
/// from a real PKCE login. CI sizes by default; <c>MCPSECURE_RELIABILITY_FULL=1</c> runs 20,000 requests and holds the
/// streams a minute (see <see cref="ReliabilityRunSize"/>). Figures are printed; nothing is asserted about speed.
/// </summary>
[Collection(ReliabilityAppCollection.Name)]
public sealed class LoadTests(ReliabilityAppFixture fixture, ITestOutputHelper output)
{
    /// <summary>Resident memory of the gateway may grow at most this much from the first half of the run to the second.</summary>
    private const double MaxMemoryGrowth = 0.10;

    [Fact]
    public async Task Authenticated_requests_at_concurrency_32_get_their_own_answers_no_5xx_and_the_gateway_memory_stays_flat()
    {
        var total = ReliabilityRunSize.LoadRequests;
        var run = new LoadRun(fixture.McpUrl, fixture.Token, ReliabilityRunSize.LoadConcurrency);
        var warmUp = await run.RunAsync(Math.Min(500, total / 4));
        Assert.True(warmUp.Ok == warmUp.Requests, $"warm-up: {warmUp}\n{string.Join("\n", warmUp.Samples)}");

        var first = await run.RunAsync(total / 2);
        var afterFirst = ProcessMemory.ResidentBytes(fixture.GatewayProcessId);
        var second = await run.RunAsync(total - total / 2);
        var afterSecond = ProcessMemory.ResidentBytes(fixture.GatewayProcessId);
        var growth = (afterSecond - afterFirst) / (double)afterFirst;

        output.WriteLine($"concurrency {ReliabilityRunSize.LoadConcurrency}, gateway process {fixture.GatewayProcessId} ({ProcessMemory.CommandLine(fixture.GatewayProcessId)})");
        output.WriteLine($"first half:  {first}");
        output.WriteLine($"second half: {second}");
        output.WriteLine($"gateway RSS after the first half {afterFirst / 1048576.0:0.0} MiB, after the second {afterSecond / 1048576.0:0.0} MiB ({growth:+0.0%;-0.0%})");
        foreach (var half in new[] { first, second })
        {
            Assert.True(half.ServerErrors == 0 && half.OtherStatus == 0 && half.Mismatched == 0 && half.Lost == 0,
                $"{half}\n{string.Join("\n", half.Samples)}");
            Assert.Equal(half.Requests, half.Ok);
        }
        Assert.True(growth <= MaxMemoryGrowth, $"the gateway's resident memory grew {growth:0.0%} ({afterFirst} -> {afterSecond} bytes)");
    }

    [Fact]
    public async Task A_hundred_sse_streams_stay_open_through_the_gateway_and_every_event_arrives_in_order()
    {
        var streams = ReliabilityRunSize.SseStreams;
        var seconds = ReliabilityRunSize.SseSeconds;
        const int intervalMs = 250;
        var events = seconds * 1000 / intervalMs;
        await using var upstream = new StreamingUpstream();
        await using var replica = await GatewayReplica.StartAsync(fixture.GatewayProcessId, upstream.McpUrl, TimeSpan.FromSeconds(90));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = streams + 10 }) { Timeout = TimeSpan.FromSeconds(seconds * 3 + 60) };

        var started = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(1, streams).Select(id => ReadStreamAsync(http, replica.McpUrl, id, events, intervalMs)));
        started.Stop();

        var delivered = results.Sum(r => r.Progress.Count);
        output.WriteLine($"{streams} SSE streams of {events} events ({seconds} s each) through a gateway replica: {delivered} events delivered in " +
                         $"{started.Elapsed.TotalSeconds:0.0} s; at most {upstream.MostOpenStreams} streams open at once at the upstream; " +
                         $"gateway RSS {ProcessMemory.ResidentBytes(replica.ProcessId) / 1048576.0:0.0} MiB");
        Assert.All(results, r =>
        {
            Assert.True(r.Status == HttpStatusCode.OK, $"stream {r.Id}: {(int)r.Status} {r.Problem}");
            Assert.Equal(Enumerable.Range(1, events), r.Progress);
            Assert.True(r.ResultArrived, $"stream {r.Id}: no result after its events");
        });
        Assert.Equal(streams, upstream.MostOpenStreams); // all of them were open at the same time
    }

    [Theory]
    [InlineData("invalid JSON", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":")]
    [InlineData("not JSON at all", "hello")]
    [InlineData("empty body", "")]
    [InlineData("a JSON string", "\"ping\"")]
    [InlineData("method a number", """{"jsonrpc":"2.0","id":1,"method":42}""")]
    [InlineData("missing method", """{"jsonrpc":"2.0","id":1,"params":{}}""")]
    [InlineData("unknown method", """{"jsonrpc":"2.0","id":1,"method":"no/such/method"}""")]
    [InlineData("params a string", """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":"all"}""")]
    [InlineData("tool name a number", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}""")]
    [InlineData("unknown tool", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}""")]
    [InlineData("wrong argument type", """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"execute_query","arguments":{"query":17}}}""")]
    [InlineData("id an object", """{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}""")]
    [InlineData("huge numeric id", "{\"jsonrpc\":\"2.0\",\"id\":1" + "00000000000000000000000000000000000000000000000000" + ",\"method\":\"ping\"}")]
    [InlineData("id out of range", """{"jsonrpc":"2.0","id":1e400,"method":"ping"}""")]
    [InlineData("wrong jsonrpc version", """{"jsonrpc":"1.0","id":1,"method":"ping"}""")]
    [InlineData("empty batch", "[]")]
    [InlineData("batch of garbage", """[1,"x",null,{"jsonrpc":"2.0"},{"id":{}}]""")]
    [InlineData("deeply nested", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public async Task Malformed_json_rpc_gets_a_json_rpc_error_from_the_server_or_a_clear_400_from_the_gateway_never_a_5xx(string what, string body)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        using var request = McpHttp.Post(fixture.McpUrl, fixture.Token, body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.MediaType;
        output.WriteLine($"{what}: {(int)response.StatusCode} {contentType}: {(text.Length > 300 ? text[..300] + "…" : text)}");

        Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} {text}");
        var messages = JsonRpcAnswer.Messages(contentType, text);
        var single = Assert.Single(messages);
        if (response.StatusCode == HttpStatusCode.BadRequest && single.TryGetProperty("error", out var oauthError) && oauthError.ValueKind == JsonValueKind.String)
        {
            // The gateway's own refusal: an OAuth-style error naming the problem.
            Assert.Equal("invalid_request", oauthError.GetString());
            Assert.False(string.IsNullOrWhiteSpace(single.GetProperty("error_description").GetString()));
            return;
        }
        // The MCP server's answer: a JSON-RPC error object (or, for a tool, a result flagged as an error).
        Assert.Equal("2.0", single.GetProperty("jsonrpc").GetString());
        var isToolError = single.TryGetProperty("result", out var result) && result.TryGetProperty("isError", out var flag) && flag.GetBoolean();
        Assert.True(isToolError || (single.TryGetProperty("error", out var rpcError) && rpcError.TryGetProperty("code", out _)), $"{what}: {text}");
        Assert.DoesNotContain("   at ", text); // never a stack trace
    }

    [Fact]
    public async Task No_request_without_a_valid_token_reaches_the_mcp_server_by_its_own_count_whatever_the_path_method_or_credential()
    {
        string[] paths = ["/mcp", "//mcp", "/MCP", "/mcp/", "/.well-known/../mcp", "/.well-known/%2e%2e/mcp", "/%6dcp", "/./mcp", "/a/../mcp", "/mcp?x=1", "/mcp%2f", "/Mcp/"];
        string[] methods = ["POST", "GET", "DELETE"];
        var forge = fixture.Forge;
        var credentials = new (string Name, string? Value)[]
        {
            ("none", null),
            ("mutated", "Bearer " + TokenForge.TamperPayload(fixture.Token, json => json.Replace("alice", "bob", StringComparison.Ordinal))),
            ("unknown key", "Bearer " + forge.Create(credentials: TokenForge.UnknownKey())),
            ("garbage", "Bearer not.a.token"),
            ("basic", "Basic YWxpY2U6YWxpY2UtZGV2LXBhc3N3b3Jk"),
        };
        var before = await McpServerTraffic.CountAsync(fixture.App);
        var statuses = new Dictionary<int, int>();
        foreach (var path in paths)
        {
            foreach (var method in methods)
            {
                foreach (var (_, credential) in credentials)
                {
                    var headers = new List<(string, string)> { ("Content-Type", "application/json"), ("Accept", "application/json, text/event-stream") };
                    if (credential is not null)
                    {
                        headers.Add(("Authorization", credential));
                    }
                    var answer = await RawHttp.SendAsync(fixture.GatewayUrl, method, headers, method == "POST" ? McpHttp.InitializeBody : "", target: path);
                    statuses[(int)answer.Status] = statuses.GetValueOrDefault((int)answer.Status) + 1;
                    Assert.True((int)answer.Status < 500, $"{method} {path}: {(int)answer.Status} {answer.Body}");
                }
            }
        }

        // One valid request moves the server's count by exactly one: the refusals above moved it by none.
        using var valid = await EmbeddedAppFixture.CreateRawClient().SendAsync(McpHttp.Post(fixture.McpUrl, fixture.Token));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        await McpServerTraffic.WaitForCountAboveAsync(fixture.App, before, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the server's metrics are cached for a moment: let any late count show
        var after = await McpServerTraffic.CountAsync(fixture.App);
        output.WriteLine($"{paths.Length * methods.Length * credentials.Length} requests without a valid token: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; " +
                         $"MCP server count {before} -> {after}");
        Assert.Equal(before + 1, after);
    }

    private sealed record StreamResult(int Id, HttpStatusCode Status, List<int> Progress, bool ResultArrived, string? Problem);

    private async Task<StreamResult> ReadStreamAsync(HttpClient http, Uri mcpUrl, int id, int events, int intervalMs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, mcpUrl)
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{\"events\":" + events + ",\"intervalMs\":" + intervalMs + "},\"_meta\":{\"progressToken\":" + id + "}}}",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        var progress = new List<int>();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new StreamResult(id, response.StatusCode, progress, false, await response.Content.ReadAsStringAsync());
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }
                using var message = JsonDocument.Parse(line["data:".Length..]);
                var root = message.RootElement;
                if (root.TryGetProperty("method", out _))
                {
                    var parameters = root.GetProperty("params");
                    if (parameters.GetProperty("progressToken").GetInt32() != id)
                    {
                        return new StreamResult(id, response.StatusCode, progress, false, $"an event of stream {parameters.GetProperty("progressToken")} arrived on stream {id}");
                    }
                    progress.Add(parameters.GetProperty("progress").GetInt32());
                }
                else if (root.GetProperty("id").GetInt32() == id && root.TryGetProperty("result", out _))
                {
                    return new StreamResult(id, response.StatusCode, progress, true, null);
                }
            }
            return new StreamResult(id, response.StatusCode, progress, false, "the stream ended without a result");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
        {
            return new StreamResult(id, 0, progress, false, exception.Message);
        }
    }
}
