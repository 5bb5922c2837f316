namespace McpSecure.Identity.Authorization;

internal static class AuthorizationFlowExtensions
{
    /// <summary>The services the OpenIddict passthrough endpoints and the login page use.</summary>
    public static IServiceCollection AddAuthorizationFlowServices(this IServiceCollection services)
    {
        services.AddScoped<TokenPrincipalFactory>();
        services.AddScoped<MachinePrincipalFactory>();
        services.AddScoped<ResourceIndicators>();
        services.AddScoped<ConsentDecider>();
        services.AddScoped<PendingAuthorizationDescriber>();
        services.AddSingleton<ConsentRequestBinding>();
        return services;
    }
}
