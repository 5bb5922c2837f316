using System.ComponentModel;
using McpSecure.PrometheusMcp.Formatting;
using McpSecure.PrometheusMcp.Prometheus;
using McpSecure.PrometheusMcp.Results;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>health_check</c>: whether Prometheus is reachable and ready.</summary>
[McpServerToolType]
internal sealed class HealthCheckTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
{
    private readonly PrometheusOptions _options = options.Value;

    [McpServerTool(Name = "health_check", Title = "Check that Prometheus is reachable and ready", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(HealthResult))]
    [Description("Reports whether the Prometheus server behind this MCP server is reachable and ready to serve queries.")]
    public async Task<CallToolResult> HealthCheck(CancellationToken cancellationToken = default)
    {
        var (ready, detail) = await PrometheusCall.RunAsync(() => prometheus.CheckReadyAsync(cancellationToken));
        if (!ready)
        {
            throw new McpException($"Prometheus is not ready: {detail}");
        }
        return new ToolOutput<HealthResult>($"Prometheus is ready: {detail}\n", new(true, detail)).ToResult(_options.MaxOutputCharacters);
    }
}
