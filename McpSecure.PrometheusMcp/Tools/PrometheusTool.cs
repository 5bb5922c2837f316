namespace McpSecure.PrometheusMcp.Tools;

/// <summary>
/// What every Prometheus tool has: the client (which sends only the configured credentials, never the MCP caller's),
/// the options, and the one way a result leaves a tool, within <see cref="PrometheusOptions.MaxOutputCharacters"/>.
/// </summary>
internal abstract class PrometheusTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
{
    protected PrometheusClient Client { get; } = prometheus;

    protected PrometheusOptions Options { get; } = options.Value;

    /// <summary>The MCP result of <paramref name="output"/>, its text truncated at <see cref="PrometheusOptions.MaxOutputCharacters"/>.</summary>
    protected CallToolResult Result<T>(ToolOutput<T> output) => output.ToResult(Options.MaxOutputCharacters, Options.StructuredContent);
}
