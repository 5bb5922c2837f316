using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.GatewayIdentity.ToolAccess;

public static class ToolAccessServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ToolAccessOptions"/> from <paramref name="sectionPath"/>, validates it at start-up (messages name
    /// the full key) and registers the <see cref="ToolAccessPolicy"/> built from it.
    /// </summary>
    public static IServiceCollection AddToolAccess(this IServiceCollection services, string sectionPath = ToolAccessOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        services.AddOptions<ToolAccessOptions>().BindConfiguration(sectionPath).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ToolAccessOptions>>(new ToolAccessOptionsValidator(sectionPath)));
        services.TryAddSingleton(provider => new ToolAccessPolicy(provider.GetRequiredService<IOptions<ToolAccessOptions>>().Value));
        return services;
    }
}
