namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>A Prometheus host that refuses connections.</summary>
internal sealed class RefusingPrometheusHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new HttpRequestException("Connection refused (prometheus.test:80)");
}
