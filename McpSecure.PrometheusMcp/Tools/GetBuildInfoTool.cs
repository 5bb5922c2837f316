namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_build_info</c>: the Prometheus version and runtime facts.</summary>
[McpServerToolType]
internal sealed class GetBuildInfoTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    [McpServerTool(Name = "get_build_info", Title = "Prometheus version and runtime", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BuildInfoResult))]
    [Description("Returns the Prometheus version, revision and Go version, and runtime facts: start time, storage retention, " +
                 "number of goroutines, whether the config reloaded successfully. Use it to know which PromQL features exist.")]
    public async Task<CallToolResult> GetBuildInfo(CancellationToken cancellationToken = default)
    {
        var build = await PrometheusCall.RunAsync(() => Client.StatusAsync("buildinfo", cancellationToken));
        var runtime = await PrometheusCall.RunAsync(() => Client.StatusAsync("runtimeinfo", cancellationToken));
        var buildInfo = PromText.Flatten(build.Data);
        var runtimeInfo = PromText.Flatten(runtime.Data);
        var text = new StringBuilder("build:\n").AppendPairs(buildInfo).Append("runtime:\n").AppendPairs(runtimeInfo);
        return Result(new ToolOutput<BuildInfoResult>(text.ToString(), new(buildInfo, runtimeInfo)));
    }
}
