using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.AppHost.Configuration;

internal static class McpSecureOptionsExtensions
{
    /// <summary>
    /// Binds and validates <see cref="McpSecureOptions"/> (registered for the app's services too) and creates the
    /// data folder. The app model is declared from these values before the host starts, so they are read now,
    /// through the same registrations: invalid options stop the AppHost before any resource is declared.
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each key.</exception>
    public static McpSecureOptions AddMcpSecureOptions(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddMcpSecureOptions(builder.Configuration, builder.AppHostDirectory);

        using var services = new ServiceCollection()
            .AddMcpSecureOptions(builder.Configuration, builder.AppHostDirectory)
            .BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<McpSecureOptions>>().Value;
        Directory.CreateDirectory(options.DataPath);
        return options;
    }

    public static IServiceCollection AddMcpSecureOptions(this IServiceCollection services, IConfiguration configuration, string appHostDirectory)
    {
        services.AddOptions<McpSecureOptions>()
            .Bind(configuration.GetSection(McpSecureOptions.SectionName))
            .PostConfigure(options => options.DataPath = Path.GetFullPath(
                string.IsNullOrWhiteSpace(options.DataPath) ? McpSecureOptions.DefaultDataFolder : options.DataPath, appHostDirectory))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpSecureOptions>, McpSecureOptionsValidator>());
        return services;
    }
}
