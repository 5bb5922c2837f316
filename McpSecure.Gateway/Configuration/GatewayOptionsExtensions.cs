using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Configuration;

internal static class GatewayOptionsExtensions
{
    /// <summary>Binds section <c>Gateway</c> and validates it at start-up, so a wrong key stops the gateway before it serves anything.</summary>
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .PostConfigure(WithoutBlankEntries)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Blank list entries are dropped: a host that replaces a list from appsettings.json (environment variables can
    /// only overwrite entries by index) blanks the entries it does not use, and an empty list is written as one blank.
    /// </summary>
    private static void WithoutBlankEntries(GatewayOptions options)
    {
        static string[] Clean(string[] values) => values.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).ToArray();
        options.RequiredScopes = Clean(options.RequiredScopes);
        options.ScopesSupported = Clean(options.ScopesSupported);
        options.AuthorizationServer.AdditionalAudiences = Clean(options.AuthorizationServer.AdditionalAudiences);
        options.TokenValidation.AcceptedTokenTypes = Clean(options.TokenValidation.AcceptedTokenTypes);
        options.Claims.RoleClaims = Clean(options.Claims.RoleClaims);
        options.Claims.NameClaim = string.IsNullOrWhiteSpace(options.Claims.NameClaim) ? null : options.Claims.NameClaim.Trim();
    }
}
