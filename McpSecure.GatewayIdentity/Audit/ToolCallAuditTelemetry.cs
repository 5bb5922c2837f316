using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpSecure.GatewayIdentity.Audit;

/// <summary>
/// The span and the metrics of audited tool calls (exported with the service defaults' <c>McpSecure.*</c> sources and
/// meters, so the Aspire dashboard and Prometheus answer "who ran what"). Tags carry the caller's subject and user name,
/// the tool and the outcome: never an argument, a token or a key.
/// </summary>
public sealed class ToolCallAuditTelemetry : IDisposable
{
    public const string SourceName = "McpSecure.Mcp";
    public const string MeterName = "McpSecure.Mcp";
    /// <summary>Prometheus: <c>mcpsecure_mcp_tool_calls_total{enduser_id, user_name, mcp_tool_name, outcome}</c>.</summary>
    public const string CallsMetric = "mcpsecure.mcp.tool.calls";
    /// <summary>Prometheus: <c>mcpsecure_mcp_tool_duration_seconds</c>, by tool and outcome.</summary>
    public const string DurationMetric = "mcpsecure.mcp.tool.duration";

    public const string EndUserIdTag = "enduser.id";
    public const string UserNameTag = "user.name";
    public const string ToolNameTag = "mcp.tool.name";
    public const string MethodNameTag = "mcp.method.name";
    public const string ClientIdTag = "mcpsecure.client_id";
    public const string OutcomeTag = "outcome";

    private readonly ActivitySource _source = new(SourceName);
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public ToolCallAuditTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>(CallsMetric, unit: "{call}",
            description: "MCP tool calls by caller (subject and user name), tool and outcome.");
        _duration = meter.CreateHistogram<double>(DurationMetric, unit: "s",
            description: "How long MCP tool calls took, by tool and outcome.");
    }

    /// <summary>Starts the call's span (a child of the request's) and tags the request's span with the caller and tool too.</summary>
    internal Activity? StartCall(string tool, string subject, string? clientId)
    {
        var parent = Activity.Current;
        parent?.SetTag(EndUserIdTag, subject);
        parent?.SetTag(ToolNameTag, tool);

        var activity = _source.StartActivity($"tools/call {tool}", ActivityKind.Internal);
        activity?.SetTag(MethodNameTag, "tools/call");
        activity?.SetTag(ToolNameTag, tool);
        activity?.SetTag(EndUserIdTag, subject);
        activity?.SetTag(ClientIdTag, clientId);
        return activity;
    }

    internal void RecordCall(Activity? activity, string tool, string subject, string user, string outcome, TimeSpan duration)
    {
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            activity.SetStatus(outcome == ToolCallOutcomes.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, outcome);
        }
        _calls.Add(1, new TagList
        {
            { EndUserIdTag, subject },
            { UserNameTag, user },
            { ToolNameTag, tool },
            { OutcomeTag, outcome },
        });
        _duration.Record(duration.TotalSeconds, new TagList { { ToolNameTag, tool }, { OutcomeTag, outcome } });
    }

    public void Dispose() => _source.Dispose();
}
