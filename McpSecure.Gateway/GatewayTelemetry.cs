using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpSecure.Gateway;

/// <summary>
/// The gateway's own metrics and trace tags (exported with the service defaults' <c>McpSecure.*</c> meters, so
/// they reach the Aspire dashboard and Prometheus). Tags never carry tokens; the subject is a trace tag only.
/// </summary>
public static class GatewayTelemetry
{
    public const string MeterName = "McpSecure.Gateway";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "mcpsecure.gateway.requests", unit: "{request}", description: "MCP requests by outcome: proxied, or refused with a reason.");

    private static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>(
        "mcpsecure.gateway.auth_failures", unit: "{request}", description: "Requests refused by the gateway, by reason.");

    private static readonly Histogram<double> UpstreamDuration = Meter.CreateHistogram<double>(
        "mcpsecure.gateway.upstream.duration", unit: "s", description: "Time the MCP server took, until its response (or stream) ended.");

    public static void RecordRefused(string reason, int status)
    {
        var outcome = status switch { 400 => "bad_request", 401 => "unauthorized", 403 => "forbidden", _ => "refused" };
        Requests.Add(1, new("outcome", outcome), new("reason", reason));
        AuthFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Activity.Current?.SetTag("mcpsecure.refused_reason", reason);
    }

    public static void RecordProxied(TimeSpan duration, int status)
    {
        Requests.Add(1, new("outcome", "proxied"), new("http.response.status_code", status));
        UpstreamDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("http.response.status_code", status));
    }

    /// <summary>Tags the request's trace with who called (OpenTelemetry's <c>enduser.*</c> conventions).</summary>
    public static void TagCaller(System.Security.Claims.ClaimsPrincipal user)
    {
        if (Activity.Current is not { } activity)
        {
            return;
        }
        activity.SetTag("enduser.id", user.FindFirst("sub")?.Value);
        activity.SetTag("enduser.scope", user.FindFirst("scope")?.Value);
        activity.SetTag("mcpsecure.client_id", user.FindFirst("client_id")?.Value);
    }
}
