using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecure.Gateway.Authorization;

internal static class McpAuthorizationExtensions
{
    /// <summary>Registers <see cref="McpAuthorizationPolicy"/>: an authenticated caller whose token grants the required scopes.</summary>
    public static IServiceCollection AddMcpAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(McpAuthorizationPolicy.Name, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new RequiredScopesRequirement()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, RequiredScopesHandler>());
        return services;
    }
}
