using System.ComponentModel;
using System.Text;
using McpSecure.PrometheusMcp.Formatting;
using McpSecure.PrometheusMcp.Prometheus;
using McpSecure.PrometheusMcp.Results;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.PrometheusMcp.Tools;

/// <summary><c>get_build_info</c>: the Prometheus version and runtime facts.</summary>
[McpServerToolType]
internal sealed class GetBuildInfoTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
{
    private readonly PrometheusOptions _options = options.Value;

    [McpServerTool(Name = "get_build_info", Title = "Prometheus version and runtime", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BuildInfoResult))]
    [Description("Returns the Prometheus version, revision and Go version, and runtime facts: start time, storage retention, " +
                 "number of goroutines, whether the config reloaded successfully. Use it to know which PromQL features exist.")]
    public async Task<CallToolResult> GetBuildInfo(CancellationToken cancellationToken = default)
    {
        var build = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("buildinfo", cancellationToken));
        var runtime = await PrometheusCall.RunAsync(() => prometheus.StatusAsync("runtimeinfo", cancellationToken));
        var buildInfo = PromText.Flatten(build.Data);
        var runtimeInfo = PromText.Flatten(runtime.Data);
        var text = new StringBuilder("build:\n").AppendPairs(buildInfo).Append("runtime:\n").AppendPairs(runtimeInfo);
        return new ToolOutput<BuildInfoResult>(text.ToString(), new(buildInfo, runtimeInfo)).ToResult(_options.MaxOutputCharacters);
    }
}
