using McpSecure.Identity.Configuration;
using McpSecure.Identity.OpenIddictServer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecure.Identity.ClientRegistration;

internal static class ClientRegistrationExtensions
{
    /// <summary>The limits (<c>Identity:ClientRegistration</c>), the metadata validator and the per-address limit of <c>/connect/register</c>.</summary>
    public static IServiceCollection AddDynamicClientRegistration(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClientRegistrationOptions, ClientRegistrationOptionsValidator>(ClientRegistrationOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientMetadataValidator>();
        services.AddSingleton<RegistrationRateLimiter>();
        return services;
    }

    /// <summary><c>POST /connect/register</c> (see <see cref="ClientRegistrationEndpoint"/>).</summary>
    public static IEndpointRouteBuilder MapClientRegistrationEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ServerEndpointPaths.Rooted(ServerEndpointPaths.Registration), ClientRegistrationEndpoint.HandleAsync)
            .DisableAntiforgery();
        return endpoints;
    }
}
