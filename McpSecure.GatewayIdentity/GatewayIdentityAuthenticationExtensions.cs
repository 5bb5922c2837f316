using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace McpSecure.GatewayIdentity;

/// <summary>
/// Registration for MCP servers behind McpSecure.Gateway:
/// <code>
/// builder.Services.AddAuthentication(GatewayIdentityDefaults.AuthenticationScheme).AddGatewayIdentity();
/// builder.Services.AddAuthorizationBuilder().AddGatewayIdentityPolicies();
/// app.MapMcp("/mcp").RequireAuthorization(GatewayIdentityDefaults.RequireCallerPolicy);
/// </code>
/// </summary>
public static class GatewayIdentityAuthenticationExtensions
{
    /// <summary>
    /// Adds the scheme, bound from the <see cref="GatewayIdentityDefaults.SectionName"/> configuration section and
    /// validated at start-up (a missing or short key stops the server with a message that names the key).
    /// </summary>
    public static AuthenticationBuilder AddGatewayIdentity(this AuthenticationBuilder builder,
        Action<GatewayIdentityAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Bound by hand: the two settings of the section (the options type also inherits AuthenticationSchemeOptions'
        // members, such as TimeProvider, which configuration must not set and the binding generator cannot bind).
        builder.Services.AddOptions<GatewayIdentityAuthenticationOptions>(GatewayIdentityDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(GatewayIdentityDefaults.SectionName);
                options.SigningKey = section[nameof(options.SigningKey)] ?? options.SigningKey;
                if (section[nameof(options.ClockSkew)] is { } clockSkew)
                {
                    options.ClockSkew = TimeSpan.TryParse(clockSkew, CultureInfo.InvariantCulture, out var parsed)
                        ? parsed
                        : throw new OptionsValidationException(GatewayIdentityDefaults.SectionName, typeof(GatewayIdentityAuthenticationOptions),
                            [$"{GatewayIdentityDefaults.SectionName}:{nameof(options.ClockSkew)} is '{clockSkew}', not a time span such as 00:00:30."]);
                }
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<GatewayIdentityAuthenticationOptions>, GatewayIdentityAuthenticationOptionsValidator>());
        return builder.AddScheme<GatewayIdentityAuthenticationOptions, GatewayIdentityAuthenticationHandler>(
            GatewayIdentityDefaults.AuthenticationScheme, configure);
    }

    /// <summary>
    /// Adds <see cref="GatewayIdentityDefaults.RequireCallerPolicy"/> (a verified caller is required) and
    /// <see cref="GatewayIdentityDefaults.VerifiedOrAnonymousPolicy"/> (anonymous requests pass, unverifiable identities do not).
    /// </summary>
    public static AuthorizationBuilder AddGatewayIdentityPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(GatewayIdentityDefaults.RequireCallerPolicy, policy => policy
                .AddAuthenticationSchemes(GatewayIdentityDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(GatewayIdentityDefaults.VerifiedOrAnonymousPolicy, policy => policy
                .AddAuthenticationSchemes(GatewayIdentityDefaults.AuthenticationScheme)
                .AddRequirements(new VerifiedOrAnonymousRequirement()));
    }
}
