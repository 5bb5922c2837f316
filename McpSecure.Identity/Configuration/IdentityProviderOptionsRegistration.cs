using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Configuration;

public static class IdentityProviderOptionsRegistration
{
    /// <summary>Binds the <c>Identity</c> section and fails start-up when it is invalid.</summary>
    public static IServiceCollection AddIdentityProviderOptions(this IServiceCollection services)
    {
        services.AddOptions<IdentityProviderOptions>()
            .BindConfiguration(IdentityProviderOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityProviderOptions>, IdentityProviderOptionsValidator>();
        return services;
    }
}
