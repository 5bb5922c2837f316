using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway;

/// <summary>
/// Local validation of the provider's JWT access tokens: signature against the provider's JWKS (cached,
/// refreshed on an unknown <c>kid</c> at most once per <see cref="AuthorizationServerOptions.KeyRefreshInterval"/>),
/// issuer, audience bound to this resource (RFC 8707), lifetime, algorithm allow-list and <c>typ</c>.
/// No call to the provider per request.
/// </summary>
public static class TokenValidationExtensions
{
    /// <summary>Asymmetric algorithms only: an HMAC algorithm would let anyone holding the public key forge tokens.</summary>
    public static readonly string[] AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>Token types accepted when the JWT header names one (RFC 9068 <c>at+jwt</c>, or Keycloak's <c>JWT</c>).</summary>
    public static readonly string[] AllowedTokenTypes = ["at+jwt", "application/at+jwt", "JWT"];

    /// <summary>
    /// Bearer authentication in the configured <see cref="TokenValidationMode"/>: local JWT validation by default,
    /// or provider-backed checks (introspection, userinfo) for opaque tokens.
    /// </summary>
    public static IServiceCollection AddMcpTokenValidation(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, OpaqueTokenAuthenticationHandler>(OpaqueTokenAuthenticationHandler.SchemeName, null);
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<GatewayOptions>>((authentication, gatewayOptions) =>
            authentication.DefaultScheme = gatewayOptions.Value.TokenValidation.Mode == TokenValidationMode.Jwt
                ? JwtBearerDefaults.AuthenticationScheme
                : OpaqueTokenAuthenticationHandler.SchemeName);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<GatewayOptions>>((jwt, gatewayOptions) => Configure(jwt, gatewayOptions.Value));

        // Provider verdicts are cached per token hash; the size limit bounds memory under a flood of distinct tokens.
        services.AddMemoryCache(cache => cache.SizeLimit = 100_000);
        services.AddSingleton<IOpaqueTokenValidator>(provider =>
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value.TokenValidation.Mode == TokenValidationMode.UserInfo
                ? ActivatorUtilities.CreateInstance<UserInfoTokenValidator>(provider)
                : ActivatorUtilities.CreateInstance<IntrospectionTokenValidator>(provider));
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, GatewayOptions gateway)
    {
        var server = gateway.AuthorizationServer;
        var issuer = server.Issuer!;

        jwt.Authority = issuer;
        jwt.MetadataAddress = server.DiscoveryDocumentUri.AbsoluteUri;
        // Plain http is accepted only for a loopback provider (development); options validation enforces it.
        jwt.RequireHttpsMetadata = !(server.MetadataAddress ?? server.IssuerUri).IsLoopback;
        jwt.MapInboundClaims = false;
        jwt.SaveToken = false;
        jwt.IncludeErrorDetails = true;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.RefreshInterval = server.KeyRefreshInterval;
        jwt.AutomaticRefreshInterval = TimeSpan.FromHours(12);

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            // Exactly as configured: providers differ on a trailing slash, so configure the issuer as the provider states it.
            ValidIssuer = issuer,
            ValidateAudience = true,
            ValidAudiences = [gateway.ResourceUri.AbsoluteUri, .. server.AdditionalAudiences],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = server.ClockSkew,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = AllowedAlgorithms,
            TypeValidator = ValidateTokenType,
            NameClaimType = "name",
            RoleClaimType = "role",
        };

        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = TokenRequestRules.RejectUnsafeTokenTransport,
            OnTokenValidated = context =>
            {
                GatewayTelemetry.TagCaller(context.Principal!);
                return Task.CompletedTask;
            },
            OnChallenge = context => BearerChallengeResponses.WriteUnauthorizedAsync(context, gateway),
            OnForbidden = context => BearerChallengeResponses.WriteForbiddenAsync(context.HttpContext, gateway),
        };
    }

    /// <summary><c>typ</c> is optional in JWTs; when present it must say "access token", so an ID token cannot be replayed here.</summary>
    private static string ValidateTokenType(string? type, SecurityToken token, TokenValidationParameters parameters)
    {
        if (string.IsNullOrEmpty(type) || AllowedTokenTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return type ?? "";
        }
        throw new SecurityTokenInvalidTypeException($"The token type '{type}' is not an access token type.") { InvalidType = type };
    }
}
