using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Claims;

namespace McpSecure.Gateway.Telemetry;

/// <summary>
/// The gateway's own metrics and trace tags (exported with the service defaults' <c>McpSecure.*</c> meters, so
/// they reach the Aspire dashboard and Prometheus). Tags never carry tokens; the subject is a trace tag only.
/// </summary>
internal sealed class GatewayTelemetry
{
    public const string MeterName = "McpSecure.Gateway";
    public const string RequestsMetric = "mcpsecure.gateway.requests";
    public const string AuthFailuresMetric = "mcpsecure.gateway.auth_failures";
    public const string UpstreamDurationMetric = "mcpsecure.gateway.upstream.duration";
    public const string EndUserIdTag = "enduser.id";

    private const string StatusCodeTag = "http.response.status_code";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _authFailures;
    private readonly Histogram<double> _upstreamDuration;

    public GatewayTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            RequestsMetric, unit: "{request}", description: "MCP requests by outcome: proxied, or refused with a reason.");
        _authFailures = meter.CreateCounter<long>(
            AuthFailuresMetric, unit: "{request}", description: "Requests refused by the gateway, by reason.");
        _upstreamDuration = meter.CreateHistogram<double>(
            UpstreamDurationMetric, unit: "s", description: "Time the MCP server took, until its response (or stream) ended.");
    }

    public void RecordRefused(string reason, int status)
    {
        var outcome = status switch { 400 => "bad_request", 401 => "unauthorized", 403 => "forbidden", _ => "refused" };
        _requests.Add(1, new("outcome", outcome), new("reason", reason));
        _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Activity.Current?.SetTag("mcpsecure.refused_reason", reason);
    }

    public void RecordProxied(TimeSpan duration, int status)
    {
        _requests.Add(1, new("outcome", "proxied"), new(StatusCodeTag, status));
        _upstreamDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(StatusCodeTag, status));
    }

    /// <summary>
    /// Tags the request's trace with what it asks (<c>mcp.method.name</c>, and <c>mcp.tool.name</c> for tool calls; a batch
    /// gets every distinct one, comma-separated), so the gateway's span answers "who ran what" even for calls it refuses.
    /// </summary>
    public void TagMcpRequest(IEnumerable<string?> methods, IEnumerable<string?> tools)
    {
        if (Activity.Current is not { } activity)
        {
            return;
        }
        static string? Join(IEnumerable<string?> values) =>
            values.OfType<string>().Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } distinct ? string.Join(',', distinct) : null;
        activity.SetTag("mcp.method.name", Join(methods));
        activity.SetTag("mcp.tool.name", Join(tools));
    }

    /// <summary>Tags the request's trace with who called (OpenTelemetry's <c>enduser.*</c> conventions).</summary>
    public void TagCaller(ClaimsPrincipal user)
    {
        if (Activity.Current is not { } activity)
        {
            return;
        }
        activity.SetTag(EndUserIdTag, user.FindFirst("sub")?.Value);
        activity.SetTag("enduser.scope", user.FindFirst("scope")?.Value);
        activity.SetTag("mcpsecure.client_id", user.FindFirst("client_id")?.Value);
    }
}
