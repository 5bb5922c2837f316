using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Configuration;

internal static class IdentityProviderOptionsExtensions
{
    /// <summary>Binds the <c>Identity</c> section and fails start-up when it is invalid.</summary>
    public static IServiceCollection AddIdentityProviderOptions(this IServiceCollection services)
    {
        services.AddOptions<IdentityProviderOptions>()
            .BindConfiguration(IdentityProviderOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityProviderOptions>, IdentityProviderOptionsValidator>());
        return services;
    }
}
