using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Telemetry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// Local validation of the provider's JWT access tokens: signature against the provider's JWKS (cached,
/// refreshed on an unknown <c>kid</c> at most once per <see cref="AuthorizationServerOptions.KeyRefreshInterval"/>),
/// issuer, audience bound to this resource (RFC 8707), lifetime, algorithm allow-list and <c>typ</c>.
/// No call to the provider per request.
/// </summary>
internal sealed class ConfigureJwtBearerOptions(IOptions<GatewayOptions> gatewayOptions, TimeProvider time,
    BearerChallengeResponder challenges, GatewayTelemetry telemetry, IMemoryCache cache) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions jwt)
    {
        var gateway = gatewayOptions.Value;
        var server = gateway.AuthorizationServer;

        jwt.Authority = server.Issuer;
        jwt.MetadataAddress = server.DiscoveryDocumentUri.AbsoluteUri;
        // Plain http is accepted only for a loopback provider (development); options validation enforces it.
        jwt.RequireHttpsMetadata = !(server.MetadataAddress ?? server.IssuerUri).IsLoopback;
        jwt.MapInboundClaims = false;
        jwt.SaveToken = false;
        jwt.IncludeErrorDetails = true;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.RefreshInterval = server.KeyRefreshInterval;
        jwt.AutomaticRefreshInterval = server.KeyCacheLifetime;
        jwt.TimeProvider = time;
        // A token that passed is not checked again while its verdict is cached (TokenValidation:CacheDuration, 5 min by
        // default, never past its exp; 0 turns the cache off): no signature check per request for the same token.
        var cacheDuration = gateway.TokenValidation.CacheDuration ?? IntrospectionTokenValidator.DefaultCacheDuration;
        if (cacheDuration > TimeSpan.Zero)
        {
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(new CachingJsonWebTokenHandler(cache, time, cacheDuration) { MapInboundClaims = false });
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            // Exactly as configured: providers differ on a trailing slash, so configure the issuer as the provider states it.
            ValidIssuer = server.Issuer,
            ValidateAudience = true,
            ValidAudiences = [gateway.ResourceUri.AbsoluteUri, .. server.AdditionalAudiences],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            // Lifetime is checked against the handler's own clock: IdentityModel 8 keeps TokenValidationParameters.TimeProvider
            // internal, and re-implementing the lifetime check in a LifetimeValidator would be a second copy of it.
            ClockSkew = server.ClockSkew,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = AllowedSigningAlgorithms.All,
            TypeValidator = AccessTokenTypes.ValidatorFor(gateway.TokenValidation.EffectiveTokenTypes),
            NameClaimType = "name",
            RoleClaimType = "role",
        };

        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = TokenTransportRules.RejectUnsafeTokenTransport,
            OnTokenValidated = context =>
            {
                telemetry.TagCaller(context.Principal!);
                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HandleResponse();
                return challenges.WriteUnauthorizedAsync(context.HttpContext, context.AuthenticateFailure);
            },
            OnForbidden = context => challenges.WriteForbiddenAsync(context.HttpContext),
        };
    }
}
