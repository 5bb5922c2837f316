namespace McpSecure.Identity.ClientRegistration;

public static class ClientRegistrationServices
{
    /// <summary>The metadata validator and the per-address rate limit of <c>/connect/register</c>.</summary>
    public static IServiceCollection AddDynamicClientRegistration(this IServiceCollection services)
    {
        services.AddSingleton<ClientMetadataValidator>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, RegistrationRateLimitPolicy>(RegistrationRateLimitPolicy.Name);
        });
        return services;
    }
}
