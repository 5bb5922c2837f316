using McpSecure.Identity.Configuration;
using McpSecure.Identity.Federation;
using McpSecure.Identity.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace McpSecure.Identity.UpstreamTokens;

internal static class UpstreamTokenExtensions
{
    /// <summary>
    /// Kept upstream tokens and the token exchange (federation mode with <c>Identity:Federation:UpstreamTokens:Keep</c>).
    /// The options are always bound and validated.
    /// </summary>
    public static IServiceCollection AddUpstreamTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<UpstreamTokenOptions, UpstreamTokenOptionsValidator>(UpstreamTokenOptions.SectionName);
        if (!FederationMode.From(configuration).IsEnabled || !configuration.GetValue<bool>($"{UpstreamTokenOptions.SectionName}:{nameof(UpstreamTokenOptions.Keep)}"))
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        // With PostgreSQL storage the replicas share the tokens in the database; otherwise one file per user.
        services.AddSingleton<IUpstreamTokenStore>(provider =>
            provider.GetRequiredService<IOptions<IdentityStorageOptions>>().Value.IsPostgreSql
                ? ActivatorUtilities.CreateInstance<DatabaseUpstreamTokenStore>(provider)
                : new FileUpstreamTokenStore(
                    provider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
                    provider.GetRequiredService<IOptions<IdentityProviderOptions>>(),
                    provider.GetRequiredService<ILogger<FileUpstreamTokenStore>>()));
        services.AddSingleton<IUpstreamTokenRefresher, OpenIddictUpstreamTokenRefresher>();
        services.AddSingleton<UpstreamAccessTokens>();
        services.AddSingleton<UpstreamTokenMetrics>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureServerForTokenExchange>();
        services.AddOpenIddict().AddServer(server => server
            .RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateAuthorizedParty.Descriptor)
            .AddEventHandler(AuthorizedPartyForUpstreamTokenExchange.Descriptor));
        return services;
    }

    /// <summary>Whether tokens are kept in this process (the services above are registered).</summary>
    public static bool KeepsUpstreamTokens(this IServiceProvider services) => services.GetService<IUpstreamTokenStore>() is not null;
}
