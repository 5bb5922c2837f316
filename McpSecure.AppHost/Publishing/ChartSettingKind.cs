namespace McpSecure.AppHost.Publishing;

/// <summary>Where the chart takes an environment variable's value from.</summary>
internal enum ChartSettingKind
{
    /// <summary>A literal of the app model: <c>config.&lt;resource&gt;.&lt;key&gt;</c> in values.yaml, in the workload's ConfigMap.</summary>
    Config,

    /// <summary>A secret parameter: a Secret of its own (<see cref="ChartSetting.Secret"/>), referenced, never inlined.</summary>
    Secret,

    /// <summary>Another workload of the chart: its Service URL (<see cref="ChartSetting.Value"/> is the resource name).</summary>
    ServiceUrl,

    /// <summary>
    /// A service the chart does not run (Prometheus, the identity provider…): its URL is a value,
    /// <c>services.&lt;name&gt;.url</c> (<see cref="ChartSetting.Value"/> is the resource name).
    /// </summary>
    ExternalServiceUrl,

    /// <summary>The gateway's public URL (<c>gateway.publicBaseUrl</c>).</summary>
    PublicBaseUrl,

    /// <summary>The organisation's issuer (<c>authorizationServer.issuer</c>).</summary>
    Issuer,

    /// <summary>The MCP endpoint the gateway proxies to: the MCP server's Service, or <c>upstream.url</c> for a server outside the chart.</summary>
    Upstream,
}
