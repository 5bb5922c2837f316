using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace McpSecure.Tests.Audit;

/// <summary>
/// "Who ran what", end to end: alice and bob log in for real (PKCE), call tools through the gateway, and the Prometheus
/// MCP server's audit log, its trace (exported over OTLP to the test) and its counter (its <c>/metrics</c>, as our
/// Prometheus scrapes it) each show the right user with the right tool; nothing in any of them holds a token.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ToolCallAuditEndToEndTests(EmbeddedAppFixture fixture)
{
    private const string ReadScopes = "openid profile offline_access mcp:tools prometheus:read";
    private const string AdminScopes = ReadScopes + " prometheus:admin";
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Alice_and_bobs_calls_are_logged_traced_and_counted_with_their_names_and_no_token()
    {
        var alice = await fixture.LoginAsync("alice", "alice-dev-password", ReadScopes);
        var bob = await fixture.LoginAsync("bob", "bob-dev-password", AdminScopes);
        var aliceSubject = new JsonWebToken(alice.AccessToken).Subject;
        var bobSubject = new JsonWebToken(bob.AccessToken).Subject;
        var marker = $"audit{Guid.NewGuid():N}";

        await using (var client = await McpConnection.ConnectAsync(fixture.McpUrl, alice.AccessToken))
        {
            var query = $"label_replace(vector(1), \"audit\", \"{marker}\", \"\", \"\")";
            Assert.NotEqual(true, (await client.CallToolAsync("execute_query", new Dictionary<string, object?> { ["query"] = query })).IsError);
        }
        await using (var client = await McpConnection.ConnectAsync(fixture.McpUrl, bob.AccessToken))
        {
            Assert.NotEqual(true, (await client.CallToolAsync("get_flags")).IsError);
        }

        // Log: one entry per call, with the user, the tool and the (harmless) arguments.
        var lines = await EventuallyAsync(() =>
        {
            var log = fixture.Logs.Snapshot().GetValueOrDefault("prometheus-mcp", []);
            return log.Any(l => l.Contains($"Tool call execute_query by alice (subject {aliceSubject}") && l.Contains("succeeded")) &&
                   log.Any(l => l.Contains($"Tool call get_flags by bob (subject {bobSubject}") && l.Contains("succeeded"))
                ? log : null;
        }, "the audit log entries of alice's and bob's calls");
        Assert.Contains(lines, l => l.Contains(marker));

        // Trace: the MCP server's span of each call names the user and the tool; the gateway's request span does too.
        // Each process exports its own batches (the gateway's span ends last), so the wait covers both services' spans.
        await EventuallyAsync(() =>
        {
            var all = fixture.Traces.Spans;
            return Has(all, "prometheus-mcp", "tools/call execute_query", aliceSubject) && Has(all, "prometheus-mcp", "tools/call get_flags", bobSubject) &&
                   HasGatewaySpan(all, "execute_query", aliceSubject) && HasGatewaySpan(all, "get_flags", bobSubject)
                ? all
                : null;
        }, "the tools/call spans of alice's and bob's calls in the MCP server and in the gateway");

        // Metric: the counter by user and tool, as Prometheus scrapes it.
        using var mcpServer = fixture.App.CreateHttpClient("prometheus-mcp", "http");
        var metrics = await mcpServer.GetStringAsync("/metrics");
        Assert.Matches(CallsCounter("alice", "execute_query"), metrics);
        Assert.Matches(CallsCounter("bob", "get_flags"), metrics);
        Assert.DoesNotMatch(CallsCounter("alice", "get_flags"), metrics);

        // No token anywhere: not in any service's log, not in any span attribute.
        foreach (var token in new[] { alice.AccessToken, bob.AccessToken })
        {
            var signature = token[(token.LastIndexOf('.') + 1)..];
            Assert.DoesNotContain(fixture.Logs.Snapshot().Values.SelectMany(l => l), l => l.Contains(signature));
            Assert.DoesNotContain(fixture.Traces.Spans.SelectMany(s => s.Attributes.Values), v => v.Contains(signature));
        }
    }

    private static bool Has(IEnumerable<OtlpTraceReceiver.Span> spans, string service, string name, string subject) =>
        spans.Any(s => s.Service == service && s.Name == name && s.Attributes.GetValueOrDefault("enduser.id") == subject &&
                       s.Attributes.GetValueOrDefault("outcome") == "succeeded");

    private static bool HasGatewaySpan(IEnumerable<OtlpTraceReceiver.Span> spans, string tool, string subject) =>
        spans.Any(s => s.Service == "gateway" && s.Attributes.GetValueOrDefault("mcp.tool.name") == tool &&
                       s.Attributes.GetValueOrDefault("enduser.id") == subject);

    /// <summary><c>mcpsecure_mcp_tool_calls_total{…user_name="alice"…}</c> with the tool and a positive count, labels in any order.</summary>
    private static Regex CallsCounter(string user, string tool) => new(
        $"^mcpsecure_mcp_tool_calls_total\\{{(?=[^}}]*user_name=\"{user}\")(?=[^}}]*mcp_tool_name=\"{tool}\")(?=[^}}]*outcome=\"succeeded\")[^}}]*\\}} [1-9]",
        RegexOptions.Multiline);

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what) where T : class
    {
        using var timeout = new CancellationTokenSource(ExportWait);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            if (timeout.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Not seen within {ExportWait.TotalSeconds} s: {what}.");
            }
            await Task.Delay(250, CancellationToken.None);
        }
    }
}
