using McpSecure.Gateway.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecure.Gateway.Challenges;

internal static class BearerChallengeExtensions
{
    public static IServiceCollection AddBearerChallenges(this IServiceCollection services)
    {
        services.AddGatewayTelemetry();
        services.TryAddSingleton<BearerChallengeResponder>();
        return services;
    }
}
