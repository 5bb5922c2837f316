namespace McpSecure.Tests.Publishing;

/// <summary>Values every installation of the chart gives in the chart tests: the gateway's public URL and the organisation's Prometheus.</summary>
internal static class ChartValues
{
    public const string PublicBaseUrl = "https://mcp.acme.test";

    /// <summary>The start of a values file: <c>gateway.publicBaseUrl</c> and <c>services.prometheus.url</c> (a Service URL).</summary>
    public const string GatewayAndPrometheus = $"""
        gateway:
          publicBaseUrl: {PublicBaseUrl}
        services:
          prometheus:
            url: http://prometheus.monitoring.svc:9090
        """;
}
