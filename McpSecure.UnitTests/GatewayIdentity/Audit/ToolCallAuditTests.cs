using System.Diagnostics;
using System.Diagnostics.Metrics;
using McpSecure.GatewayIdentity.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpSecure.UnitTests.GatewayIdentity.Audit;

/// <summary>
/// <c>WithToolCallAudit()</c> through a real MCP client and server in process: every call is logged (caller, client,
/// tool, arguments with secrets removed, outcome, duration), traced (<c>enduser.id</c>, <c>mcp.tool.name</c>) and counted
/// by caller and tool, whatever its outcome.
/// </summary>
public sealed class ToolCallAuditTests : IAsyncLifetime
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    private readonly string _subject = $"sub-{Guid.NewGuid():N}";
    private readonly List<(string Instrument, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly List<Activity> _activities = [];
    private AuditedMcpServer _server = null!;
    private MeterListener _meters = null!;
    private ActivityListener _traces = null!;

    public async Task InitializeAsync()
    {
        _server = await AuditedMcpServer.StartAsync();
        var meterFactory = _server.Services.GetRequiredService<IMeterFactory>();
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == ToolCallAuditTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        }
        _meters.SetMeasurementEventCallback<long>(Record);
        _meters.SetMeasurementEventCallback<double>(Record);
        _meters.Start();

        _traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ToolCallAuditTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(ToolCallAuditTelemetry.EndUserIdTag), _subject))
                {
                    lock (_activities) { _activities.Add(activity); }
                }
            },
        };
        ActivitySource.AddActivityListener(_traces);
    }

    public async Task DisposeAsync()
    {
        _traces.Dispose();
        _meters.Dispose();
        await _server.DisposeAsync();
    }

    private IReadOnlyList<CapturingLoggerProvider.Entry> AuditEntries() =>
        _server.Logs.Entries.Where(e => e.Category == ToolCallAuditLog.Category && Equals(e.Properties.GetValueOrDefault("Subject"), _subject)).ToList();

    [Fact]
    public async Task A_successful_call_is_logged_traced_and_counted_with_the_caller_and_no_secret()
    {
        await using var client = await _server.ConnectAsync(AuditedMcpServer.User(_subject, "alice"));

        await client.CallToolAsync("echo", new Dictionary<string, object?> { ["query"] = "up", ["api_key"] = "k-123456", ["note"] = Jwt });

        var entry = Assert.Single(AuditEntries());
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(5001, entry.EventId.Id);
        Assert.Equal("echo", entry.Properties["Tool"]);
        Assert.Equal("alice", entry.Properties["User"]);
        Assert.Equal("audit-test-client", entry.Properties["ClientId"]);
        Assert.Equal(ToolCallOutcomes.Succeeded, entry.Properties["Outcome"]);
        Assert.IsType<double>(entry.Properties["DurationMs"]);
        Assert.Equal("""{"query":"up","api_key":"[redacted]","note":"[redacted]"}""", entry.Properties["Arguments"]);
        Assert.DoesNotContain("k-123456", entry.Message);
        Assert.DoesNotContain("eyJ", entry.Message);

        var span = Assert.Single(_activities);
        Assert.Equal("tools/call echo", span.DisplayName);
        Assert.Equal("echo", span.GetTagItem(ToolCallAuditTelemetry.ToolNameTag));
        Assert.Equal("audit-test-client", span.GetTagItem(ToolCallAuditTelemetry.ClientIdTag));
        Assert.Equal(ToolCallOutcomes.Succeeded, span.GetTagItem(ToolCallAuditTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value is string value && (value.Contains("k-123456") || value.Contains("eyJ")));

        var count = Assert.Single(Calls());
        Assert.Equal("alice", count["user.name"]);
        Assert.Equal("echo", count["mcp.tool.name"]);
        Assert.Equal(ToolCallOutcomes.Succeeded, count["outcome"]);
        Assert.Contains(Measurements(), m => m.Instrument == ToolCallAuditTelemetry.DurationMetric && Equals(m.Tags["mcp.tool.name"], "echo"));
    }

    [Fact]
    public async Task A_tool_that_throws_is_audited_as_a_tool_error_without_its_message_or_arguments_secrets()
    {
        await using var client = await _server.ConnectAsync(AuditedMcpServer.User(_subject, "bob"));

        // The SDK turns the exception into an isError result (with the message "boom with hunter2" not sent to the client).
        var result = await client.CallToolAsync("explode", new Dictionary<string, object?> { ["password"] = "hunter2" });

        Assert.True(result.IsError);
        var entry = Assert.Single(AuditEntries());
        Assert.Equal(ToolCallOutcomes.ToolError, entry.Properties["Outcome"]);
        Assert.Equal("""{"password":"[redacted]"}""", entry.Properties["Arguments"]);
        Assert.DoesNotContain("hunter2", string.Join('\n', _server.Logs.Entries.Select(e => e.Message)));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(_activities).Status);
        Assert.Equal(ToolCallOutcomes.ToolError, Assert.Single(Calls())["outcome"]);
    }

    [Fact]
    public async Task An_error_result_is_audited_as_a_tool_error()
    {
        await using var client = await _server.ConnectAsync(AuditedMcpServer.User(_subject, "alice"));

        await client.CallToolAsync("bad_query", new Dictionary<string, object?> { ["query"] = "sum(" });

        var entry = Assert.Single(AuditEntries());
        Assert.Equal(ToolCallOutcomes.ToolError, entry.Properties["Outcome"]);
        Assert.Equal("""{"query":"sum("}""", entry.Properties["Arguments"]);
        Assert.Equal(ToolCallOutcomes.ToolError, Assert.Single(Calls())["outcome"]);
    }

    [Fact]
    public async Task A_call_the_authorization_filter_refuses_is_audited_as_refused()
    {
        await using var client = await _server.ConnectAsync(AuditedMcpServer.User(_subject, "alice", "reader"));

        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("admin_only").AsTask());

        var entry = Assert.Single(AuditEntries());
        Assert.Equal(ToolCallOutcomes.Refused, entry.Properties["Outcome"]);
        Assert.Equal("admin_only", entry.Properties["Tool"]);
        Assert.Equal(ToolCallOutcomes.Refused, Assert.Single(Calls())["outcome"]);
    }

    [Fact]
    public async Task A_call_without_a_forwarded_identity_is_audited_as_anonymous()
    {
        await using var client = await _server.ConnectAsync(caller: null);
        var marker = $"anonymous-{Guid.NewGuid():N}";

        await client.CallToolAsync("echo", new Dictionary<string, object?> { ["query"] = marker });

        var entry = Assert.Single(_server.Logs.Entries, e => e.Category == ToolCallAuditLog.Category && ((string)e.Properties["Arguments"]!).Contains(marker));
        Assert.Equal("anonymous", entry.Properties["User"]);
        Assert.Equal("anonymous", entry.Properties["Subject"]);
        Assert.Equal("-", entry.Properties["ClientId"]);
    }

    private List<(string Instrument, Dictionary<string, object?> Tags)> Measurements()
    {
        lock (_measurements)
        {
            return [.. _measurements];
        }
    }

    private List<Dictionary<string, object?>> Calls() =>
        Measurements().Where(m => m.Instrument == ToolCallAuditTelemetry.CallsMetric && Equals(m.Tags["enduser.id"], _subject))
            .Select(m => m.Tags).ToList();
}
