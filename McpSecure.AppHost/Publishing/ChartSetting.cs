namespace McpSecure.AppHost.Publishing;

/// <summary>One environment variable of a workload and where the chart takes its value from.</summary>
/// <param name="Key">The variable (<c>Gateway__UpstreamUrl</c>).</param>
/// <param name="Kind">Where its value comes from.</param>
/// <param name="Value">The literal (<see cref="ChartSettingKind.Config"/>); for <see cref="ChartSettingKind.Upstream"/> the path after the MCP server's Service, or the whole URL of a server outside the chart.</param>
/// <param name="Target">The resource a URL points at (<see cref="ChartSettingKind.ServiceUrl"/>, <see cref="ChartSettingKind.ExternalServiceUrl"/>, <see cref="ChartSettingKind.Upstream"/> in the chart).</param>
/// <param name="Secret">For <see cref="ChartSettingKind.Secret"/>: the Secret that holds it.</param>
internal sealed record ChartSetting(string Key, ChartSettingKind Kind, string Value = "", string? Target = null, ChartSecret? Secret = null);
