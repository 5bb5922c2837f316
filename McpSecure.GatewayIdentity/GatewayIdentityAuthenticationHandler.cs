using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.GatewayIdentity;

/// <summary>
/// Authenticates a request by the identity the gateway forwarded in <see cref="GatewayIdentityDefaults.HeaderName"/>:
/// no header is no result (anonymous); a header that does not verify (forged, expired, another key, repeated) is a
/// failure whose reason the challenge names; a verified one becomes <see cref="HttpContext.User"/>.
/// </summary>
internal sealed partial class GatewayIdentityAuthenticationHandler(
    IOptionsMonitor<GatewayIdentityAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<GatewayIdentityAuthenticationOptions>(options, logger, encoder)
{
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[GatewayIdentityDefaults.HeaderName];
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (header.Count > 1)
        {
            return Refuse(new GatewayIdentityException("the request carries more than one identity header"));
        }

        var result = await Tokens.ValidateTokenAsync(header.ToString(), ValidationParameters());
        if (!result.IsValid)
        {
            return Refuse(new GatewayIdentityException(Describe(result.Exception), result.Exception));
        }

        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, Scheme.Name,
            GatewayIdentityClaimTypes.Name, GatewayIdentityClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(failure is null
            ? new GatewayIdentityError(GatewayIdentityDefaults.MissingIdentityError,
                $"This MCP server is reached through McpSecure.Gateway: the request has no {GatewayIdentityDefaults.HeaderName} header.")
            : new GatewayIdentityError(GatewayIdentityDefaults.InvalidIdentityError,
                $"The {GatewayIdentityDefaults.HeaderName} header is not a valid identity signed by McpSecure.Gateway: {failure.Message}."),
            GatewayIdentityJsonContext.Default.GatewayIdentityError);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new GatewayIdentityError("forbidden", "The signed-in caller may not use this endpoint."),
            GatewayIdentityJsonContext.Default.GatewayIdentityError);
    }

    private AuthenticateResult Refuse(GatewayIdentityException failure)
    {
        LogRefused(Logger, GatewayIdentityDefaults.HeaderName, failure.Message);
        return AuthenticateResult.Fail(failure);
    }

    private TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = GatewayIdentityDefaults.Issuer,
        ValidAudience = GatewayIdentityDefaults.Audience,
        IssuerSigningKey = GatewayIdentitySigningKey.Create(Options.SigningKey!),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = Options.ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>The lifetime check on this handler's <see cref="AuthenticationHandler{TOptions}.TimeProvider"/>, not the machine clock.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = TimeProvider.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The identity has no expiry.");
        }
        if (notBefore is { } start && start > now + Options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The identity is not valid yet.") { NotBefore = start };
        }
        if (expires.Value < now - Options.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The identity has expired.") { Expires = expires.Value };
        }
        return true;
    }

    /// <summary>A reason that helps an operator, and never repeats the header's content.</summary>
    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "its signature does not match the shared key",
        SecurityTokenInvalidAlgorithmException => "it is not signed with HS256",
        SecurityTokenInvalidIssuerException => "it was not issued by the gateway",
        SecurityTokenInvalidAudienceException => "it is not meant for an MCP server",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenMalformedException or ArgumentException => "it is not a well-formed JWT",
        _ => "it does not verify",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request with an invalid {Header} header: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string header, string reason);
}
