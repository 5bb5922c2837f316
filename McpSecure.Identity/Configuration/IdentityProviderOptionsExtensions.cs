namespace McpSecure.Identity.Configuration;

internal static class IdentityProviderOptionsExtensions
{
    /// <summary>Binds the <c>Identity</c> section and fails start-up when it is invalid.</summary>
    public static IServiceCollection AddIdentityProviderOptions(this IServiceCollection services) =>
        services.AddValidatedOptions<IdentityProviderOptions, IdentityProviderOptionsValidator>(IdentityProviderOptions.SectionName);
}
