using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.TokenValidation;

internal static class TokenValidationExtensions
{
    /// <summary>
    /// Bearer authentication in the configured <see cref="TokenValidationMode"/>: local JWT validation by default,
    /// or provider-backed checks (introspection, userinfo) for opaque tokens. Either way the same transport rules
    /// and the same challenges apply.
    /// </summary>
    public static IServiceCollection AddMcpTokenValidation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddGatewayTelemetry();
        services.AddBearerChallenges();

        services.AddAuthentication()
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, OpaqueTokenAuthenticationHandler>(OpaqueTokenAuthenticationHandler.SchemeName, null);
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<GatewayOptions>>((authentication, gatewayOptions) =>
            authentication.DefaultScheme = gatewayOptions.Value.TokenValidation.Mode == TokenValidationMode.Jwt
                ? JwtBearerDefaults.AuthenticationScheme
                : OpaqueTokenAuthenticationHandler.SchemeName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearerOptions>());
        // After AddJwtBearer's post-configuration (registration order), which creates the configuration manager.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, WithdrawnKeysPostConfigureOptions>());
        services.AddSingleton<IClaimsTransformation, CanonicalClaimsTransformation>();

        // Provider verdicts are cached per token hash; the size limit bounds memory under a flood of distinct tokens.
        services.AddMemoryCache(cache => cache.SizeLimit = 100_000);
        services.TryAddSingleton<ProviderEndpointClient>();
        services.TryAddSingleton<IOpaqueTokenValidator>(provider =>
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value.TokenValidation.Mode == TokenValidationMode.UserInfo
                ? ActivatorUtilities.CreateInstance<UserInfoTokenValidator>(provider)
                : ActivatorUtilities.CreateInstance<IntrospectionTokenValidator>(provider));
        return services;
    }
}
