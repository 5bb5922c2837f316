namespace McpSecure.PrometheusMcp.Tools;

/// <summary>Registers the Prometheus tools with the MCP server.</summary>
internal static class McpServerBuilderExtensions
{
    /// <summary>The query, exploration, status and admin tools (every tool that reads Prometheus).</summary>
    public static IMcpServerBuilder WithPrometheusTools(this IMcpServerBuilder builder) => builder
        .WithTools<ExecuteQueryTool>()
        .WithTools<ExecuteRangeQueryTool>()
        .WithTools<HistogramQuantileTool>()
        .WithTools<ListMetricsTool>()
        .WithTools<GetMetricMetadataTool>()
        .WithTools<GetLabelNamesTool>()
        .WithTools<GetLabelValuesTool>()
        .WithTools<FindSeriesTool>()
        .WithTools<GetTargetsTool>()
        .WithTools<GetAlertsTool>()
        .WithTools<GetRulesTool>()
        .WithTools<GetBuildInfoTool>()
        .WithTools<HealthCheckTool>()
        .WithTools<GetTsdbStatusTool>()
        .WithTools<GetConfigTool>()
        .WithTools<GetFlagsTool>();
}
