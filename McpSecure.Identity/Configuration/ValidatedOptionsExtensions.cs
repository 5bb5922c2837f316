using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Configuration;

internal static class ValidatedOptionsExtensions
{
    /// <summary>
    /// The one way this provider registers options: bound from <paramref name="sectionName"/>, checked by
    /// <typeparamref name="TValidator"/> at start-up, so a bad value stops the process with a message naming its key.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }
}
