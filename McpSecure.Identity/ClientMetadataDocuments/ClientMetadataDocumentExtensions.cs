using McpSecure.Identity.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecure.Identity.ClientMetadataDocuments;

internal static class ClientMetadataDocumentExtensions
{
    /// <summary>
    /// Client ID Metadata Documents: options (<c>Identity:ClientMetadataDocuments</c>, validated at start-up), the safe
    /// fetcher, the bounded cache and the application registrar. The OpenIddict handlers are added with the server.
    /// </summary>
    public static IServiceCollection AddClientMetadataDocuments(this IServiceCollection services)
    {
        services.AddValidatedOptions<ClientMetadataDocumentOptions, ClientMetadataDocumentOptionsValidator>(ClientMetadataDocumentOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientMetadataDocumentFetcher>();
        services.AddSingleton<ClientMetadataDocumentCache>();
        services.AddSingleton<ClientMetadataDocumentResolver>();
        services.AddScoped<ClientMetadataDocumentApplications>();
        return services;
    }
}
