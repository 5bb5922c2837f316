using McpSecure.Tests.Infrastructure;
using System.Diagnostics;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// The real AppHost (Embedded mode), and the MCP server and the identity provider hung (their processes suspended),
/// Prometheus stopped and started again with Aspire's resource commands, as from the dashboard. Aspire's development
/// proxy keeps accepting connections for a stopped resource and never answers, as the kernel does for a hung process:
/// nothing may hang on it. The app of the load tests (<see cref="ReliabilityAppFixture"/>); each test brings back what it took away.
/// </summary>
[Collection(ReliabilityAppCollection.Name)]
public sealed class ResourceFaultTests(ReliabilityAppFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Gateway:Upstream:ResponseHeadersTimeout (10 s by default) plus margin for a 2-core machine.</summary>
    private static readonly TimeSpan FirstFailureLimit = TimeSpan.FromSeconds(13);
    private static readonly TimeSpan PromptLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Hung_mcp_server_gets_502_then_503_with_retry_after_never_a_hang_and_the_gateway_recovers_when_it_is_back()
    {
        var token = (await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        Assert.Equal(HttpStatusCode.OK, (await InitializeAsync(token)).Status);

        var frozen = await ResourceFaults.FreezeAsync(fixture.App, "prometheus-mcp");
        try
        {
            var first = await InitializeAsync(token);
            Assert.True(first.Status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, first.ToString());
            Assert.True(first.Elapsed < FirstFailureLimit, first.ToString());
            AssertRetryLater(first);

            var next = await InitializeAsync(token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, next.Status);
            Assert.True(next.Elapsed < PromptLimit, next.ToString());
            AssertRetryLater(next);
            output.WriteLine($"MCP server hung: first {first}; next {next}");
        }
        finally
        {
            ResourceFaults.Thaw(frozen);
        }

        var recovery = await PollAsync(async () => (await InitializeAsync(token)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.True(recovery < TimeSpan.FromSeconds(20), $"recovered only after {recovery}");
        output.WriteLine($"MCP server back: 200 after {recovery.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Hung_identity_provider_leaves_issued_tokens_working_and_nothing_hangs_and_logins_work_again_when_it_is_back()
    {
        var token = (await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        Assert.Equal(HttpStatusCode.OK, (await MetadataAsync()).Status);

        var frozen = await ResourceFaults.FreezeAsync(fixture.App, "identity");
        try
        {
            var call = await InitializeAsync(token);
            Assert.Equal(HttpStatusCode.OK, call.Status);
            Assert.True(call.Elapsed < PromptLimit, call.ToString());

            var metadata = await MetadataAsync();
            Assert.True(metadata.Status == HttpStatusCode.OK || (metadata.Status == HttpStatusCode.ServiceUnavailable && metadata.RetryAfter is not null),
                metadata.ToString());
            Assert.True(metadata.Elapsed < PromptLimit, metadata.ToString());

            // A key the gateway has never seen makes it want to refresh the keys from the stopped provider: still no hang.
            var unknownKey = await InitializeAsync(fixture.Forge.Create(credentials: TokenForge.UnknownKey()));
            Assert.True(unknownKey.Status is HttpStatusCode.Unauthorized or HttpStatusCode.ServiceUnavailable, unknownKey.ToString());
            Assert.True(unknownKey.Elapsed < PromptLimit, unknownKey.ToString());
            output.WriteLine($"Identity hung: issued token {(int)call.Status} after {call.Elapsed.TotalSeconds:0.0} s; metadata {metadata.Status} after {metadata.Elapsed.TotalSeconds:0.0} s; unknown key {(int)unknownKey.Status} after {unknownKey.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            ResourceFaults.Thaw(frozen);
        }

        var fresh = (await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        Assert.Equal(HttpStatusCode.OK, (await InitializeAsync(fresh)).Status);
    }

    [Fact]
    public async Task Stopped_prometheus_gives_a_prompt_tool_error_naming_it_and_tools_work_again_when_it_is_back()
    {
        var token = (await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        await using var client = await McpConnection.ConnectAsync(fixture.McpUrl, token);
        Assert.NotEqual(true, (await QueryAsync(client)).Result.IsError);

        await ResourceFaults.StopAsync(fixture.App, "prometheus");
        try
        {
            var (result, elapsed) = await QueryAsync(client);
            Assert.True(result.IsError, Text(result));
            Assert.Matches(@"Prometheus at http://[^ ]+ is unreachable: ", Text(result));
            output.WriteLine($"Prometheus stopped: tool error after {elapsed.TotalSeconds:0.0} s: {Text(result)}");
            Assert.True(elapsed < TimeSpan.FromSeconds(8), $"the tool error took {elapsed}: {Text(result)}");
        }
        finally
        {
            await ResourceFaults.StartAsync(fixture.App, "prometheus");
        }

        var recovery = await PollAsync(async () => (await QueryAsync(client)).Result.IsError != true, TimeSpan.FromSeconds(30));
        Assert.True(recovery < TimeSpan.FromSeconds(20), $"recovered only after {recovery}");
        output.WriteLine($"Prometheus back: tools work after {recovery.TotalSeconds:0.0} s");
    }

    private Task<TimedAnswer> InitializeAsync(string token) => TimedAnswer.SendAsync(McpHttp.Post(fixture.McpUrl, token));

    private Task<TimedAnswer> MetadataAsync() =>
        TimedAnswer.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.GatewayUrl, "/.well-known/oauth-authorization-server")));

    private static async Task<(CallToolResult Result, TimeSpan Elapsed)> QueryAsync(ModelContextProtocol.Client.McpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = "up" });
        return (result, Stopwatch.GetElapsedTime(started));
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static void AssertRetryLater(TimedAnswer answer)
    {
        Assert.True(int.TryParse(answer.RetryAfter, out var seconds) && seconds is > 0 and <= 60, answer.ToString());
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("temporarily_unavailable", answer.Error);
        Assert.DoesNotContain("Exception", answer.Text);
    }

    /// <summary>Tries every 250 ms until <paramref name="succeeded"/>; how long that took.</summary>
    private static async Task<TimeSpan> PollAsync(Func<Task<bool>> succeeded, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await succeeded())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < limit, $"not recovered after {limit}");
            await Task.Delay(250);
        }
        return Stopwatch.GetElapsedTime(started);
    }
}
