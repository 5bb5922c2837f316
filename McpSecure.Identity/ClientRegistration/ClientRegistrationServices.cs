namespace McpSecure.Identity.ClientRegistration;

public static class ClientRegistrationServices
{
    /// <summary>The metadata validator and the per-address limit of <c>/connect/register</c>.</summary>
    public static IServiceCollection AddDynamicClientRegistration(this IServiceCollection services)
    {
        services.AddSingleton<ClientMetadataValidator>();
        services.AddSingleton<RegistrationRateLimiter>();
        return services;
    }
}
