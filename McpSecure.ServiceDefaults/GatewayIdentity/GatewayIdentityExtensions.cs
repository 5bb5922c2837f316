using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.ServiceDefaults.GatewayIdentity;

/// <summary>
/// For MCP servers behind McpSecure.Gateway: turns the gateway's signed identity header into
/// <see cref="HttpContext.User"/>. A request without the header stays anonymous; a request whose header does
/// not verify (forged, expired, wrong key) is refused with 401 before it reaches any tool.
/// </summary>
public static class GatewayIdentityExtensions
{
    public const string AuthenticationType = "McpSecure.Gateway";

    public static TBuilder AddGatewayIdentity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<GatewayIdentityOptions>()
            .BindConfiguration(GatewayIdentityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication UseGatewayIdentity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayIdentityOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayIdentityExtensions));
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var parameters = ValidationParameters(options);

        app.Use(async (context, next) =>
        {
            var header = context.Request.Headers[GatewayIdentityOptions.HeaderName];
            if (header.Count == 0)
            {
                await next(context);
                return;
            }

            var result = header.Count == 1
                ? await handler.ValidateTokenAsync(header.ToString(), parameters)
                : new TokenValidationResult { IsValid = false, Exception = new SecurityTokenException("more than one header") };
            if (!result.IsValid)
            {
                logger.LogWarning("Refused a request with an invalid {Header} header: {Reason}",
                    GatewayIdentityOptions.HeaderName, result.Exception?.GetType().Name);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new
                {
                    error = "invalid_gateway_identity",
                    error_description = $"The {GatewayIdentityOptions.HeaderName} header is not a valid identity signed by McpSecure.Gateway.",
                });
                return;
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity(result.ClaimsIdentity.Claims, AuthenticationType, "name", "role"));
            await next(context);
        });
        return app;
    }

    public static TokenValidationParameters ValidationParameters(GatewayIdentityOptions options) => new()
    {
        ValidIssuer = GatewayIdentityOptions.Issuer,
        ValidAudience = GatewayIdentityOptions.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(options.KeyBytes),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
