using System.Diagnostics.Metrics;
using McpSecure.Gateway.Telemetry;

namespace McpSecure.Gateway.Proxy;

/// <summary>The gateway's answers for an MCP server that failed, by reason (<c>unavailable</c>, <c>timeout</c>, <c>unreachable</c>, …).</summary>
internal sealed class UpstreamTelemetry
{
    public const string FailuresMetric = "mcpsecure.gateway.upstream.failures";

    private readonly Counter<long> _failures;

    public UpstreamTelemetry(IMeterFactory meterFactory)
    {
        _failures = meterFactory.Create(GatewayTelemetry.MeterName).CreateCounter<long>(
            FailuresMetric, unit: "{request}", description: "Requests the gateway answered itself because the MCP server failed, by reason.");
    }

    public void RecordFailure(string reason) => _failures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
