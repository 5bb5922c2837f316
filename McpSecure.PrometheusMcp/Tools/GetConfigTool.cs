namespace McpSecure.PrometheusMcp.Tools;

/// <summary>
/// <c>get_config</c>: the loaded Prometheus configuration as YAML. An admin tool: read-only, but it shows internals
/// that an operator may reserve for administrators.
/// </summary>
[McpServerToolType]
internal sealed class GetConfigTool(PrometheusClient prometheus, IOptions<PrometheusOptions> options)
    : PrometheusTool(prometheus, options)
{
    // Room for the truncation note, which comes on top of the configuration shown.
    private const int NoteAllowance = 200;

    [McpServerTool(Name = "get_config", Title = "Prometheus configuration (admin)", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ConfigResult))]
    [Description("Returns the loaded Prometheus configuration as YAML (scrape jobs, intervals, relabelling, rule files; secrets are " +
                 "masked by Prometheus). Use it to explain why a target is or is not scraped. Admin tool.")]
    public async Task<CallToolResult> GetConfig(CancellationToken cancellationToken = default)
    {
        var response = await PrometheusCall.RunAsync(() => Client.StatusAsync("config", cancellationToken));
        var yaml = response.Data.GetProperty("yaml").GetString() ?? "";
        // The structured result carries the same shortened YAML as the text, so the YAML is truncated here rather than
        // by ToResult (which would cut only the text).
        var shown = Truncation.Head(yaml, Options.MaxOutputCharacters);
        var truncated = shown.Length < yaml.Length
            ? $"[truncated: showing the first {shown.Length} of {yaml.Length} characters of the configuration]"
            : null;
        var text = truncated is null ? shown : shown + truncated + "\n";
        return new ToolOutput<ConfigResult>(text, new(yaml.Length, shown, truncated)).ToResult(Options.MaxOutputCharacters + NoteAllowance, Options.StructuredContent);
    }
}
