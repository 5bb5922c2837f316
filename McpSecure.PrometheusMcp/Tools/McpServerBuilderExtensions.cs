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
        .WithTools<GetFlagsTool>()
        // With Prometheus:StructuredContent off the tools return text only, so they must not promise an output schema.
        .WithRequestFilters(filters => filters.AddListToolsFilter(next => async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            if (!context.Services!.GetRequiredService<IOptions<PrometheusOptions>>().Value.StructuredContent)
            {
                WithoutOutputSchemas(result);
            }
            return result;
        }));

    /// <summary>The tools of <paramref name="result"/> without their output schemas.</summary>
    internal static void WithoutOutputSchemas(ListToolsResult result)
    {
        foreach (var tool in result.Tools)
        {
            tool.OutputSchema = null;
        }
    }
}
