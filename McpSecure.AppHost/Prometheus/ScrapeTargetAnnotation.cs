namespace McpSecure.AppHost.Prometheus;

/// <summary>On the Prometheus resource: scrape <paramref name="Endpoint"/>'s <c>/metrics</c> as job <paramref name="Job"/>.</summary>
internal sealed record ScrapeTargetAnnotation(string Job, EndpointReference Endpoint) : IResourceAnnotation;
