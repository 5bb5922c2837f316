using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.AppHost.Configuration;

internal static class AppHostOptionsExtensions
{
    /// <summary>
    /// Binds and validates <see cref="AppHostOptions"/> (registered for the app's services too) and creates the
    /// data folder. The app model is declared from these values before the host starts, so they are read now,
    /// through the same registrations: invalid options stop the AppHost before any resource is declared.
    /// </summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each key.</exception>
    public static AppHostOptions AddAppHostOptions(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddAppHostOptions(builder.Configuration, builder.AppHostDirectory);

        using var services = new ServiceCollection()
            .AddAppHostOptions(builder.Configuration, builder.AppHostDirectory)
            .BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<AppHostOptions>>().Value;
        Directory.CreateDirectory(options.DataPath);
        return options;
    }

    public static IServiceCollection AddAppHostOptions(this IServiceCollection services, IConfiguration configuration, string appHostDirectory)
    {
        services.AddOptions<AppHostOptions>()
            .Bind(configuration.GetSection(AppHostOptions.SectionName))
            .PostConfigure(options => options.DataPath = Path.GetFullPath(
                string.IsNullOrWhiteSpace(options.DataPath) ? AppHostOptions.DefaultDataFolder : options.DataPath, appHostDirectory))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppHostOptions>, AppHostOptionsValidator>());
        return services;
    }
}
