namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>health_check</c>: whether Prometheus is reachable and ready.</summary>
[McpServerToolType]
internal sealed class HealthCheckTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "health_check", Title = "Check that Prometheus is reachable and ready", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(HealthResult))]
    [Description("Reports whether the Prometheus server behind this MCP server is reachable and ready to serve queries.")]
    public async Task<CallToolResult> HealthCheck(CancellationToken cancellationToken = default)
    {
        var (ready, detail) = await PrometheusCall.RunAsync(() => Client.CheckReadyAsync(cancellationToken));
        if (!ready)
        {
            throw new McpException($"Prometheus is not ready: {detail}");
        }
        return Result(new ToolOutput<HealthResult>($"Prometheus is ready: {detail}\n", new(true, detail)));
    }
}
