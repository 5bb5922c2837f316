using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecure.Gateway.Telemetry;

internal static class GatewayTelemetryExtensions
{
    /// <summary>The one <see cref="GatewayTelemetry"/> of the app, its meter created by the host's <c>IMeterFactory</c>.</summary>
    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<GatewayTelemetry>();
        return services;
    }
}
