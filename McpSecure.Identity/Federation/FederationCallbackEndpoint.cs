using System.Text.Encodings.Web;
using McpSecure.Identity.Data;
using McpSecure.Identity.Realm;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Client.AspNetCore;

namespace McpSecure.Identity.Federation;

/// <summary>
/// <c>/federation/callback</c>, the upstream provider's redirect URI. OpenIddict's client has already checked the
/// response when <see cref="HandleAsync"/> asks for the result: the <c>state</c> token (signature, expiry, bound to this
/// browser by a correlation cookie, and redeemed once: a replayed response is refused), the RFC 9207 <c>iss</c>
/// parameter against the issuer the request went to (mix-up), the code exchange with the PKCE verifier, the ID
/// token's issuer, audience, signature and <c>nonce</c>. Then the upstream claims are mapped, the local record is
/// kept (with <c>Identity:Federation:UpstreamTokens:Keep</c>, the upstream tokens too, encrypted), the browser gets our sign-in cookie and returns to the pending <c>/connect/authorize</c> request.
/// Any failure is a 400 page naming the problem, never a stack trace or a token.
/// </summary>
internal static partial class FederationCallbackEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<FederationOptions> options,
        RealmFileReader realmFile,
        FederatedUserProvisioner provisioner,
        SignInManager<AccountUser> signInManager,
        FederationMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(FederationCallbackEndpoint));
        var federation = options.Value;

        var result = await context.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal?.Identity?.IsAuthenticated != true)
        {
            var error = result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error) ?? "invalid_request";
            var description = result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription)
                ?? result.Failure?.Message
                ?? "the response is not a valid answer to a sign-in this browser started";
            LogUpstreamFailure(logger, federation.Issuer, error, description);
            metrics.SignIn("upstream_error");
            return ErrorPage(federation, $"{error}: {description}");
        }

        var upstream = UpstreamClaimMapper.Map(result.Principal, federation, RealmRoles(realmFile), out var problem);
        if (upstream is null)
        {
            LogUnmappable(logger, federation.Issuer, problem);
            metrics.SignIn("unmappable");
            return ErrorPage(federation, problem!);
        }

        AccountUser user;
        try
        {
            user = await provisioner.ProvisionAsync(upstream);
        }
        catch (FederatedSignInException refused)
        {
            LogRefused(logger, federation.Issuer, refused.Message);
            metrics.SignIn("refused");
            return ErrorPage(federation, refused.Message);
        }

        if (context.RequestServices.GetService<UpstreamTokens.IUpstreamTokenStore>() is { } upstreamTokens &&
            KeptTokens(result.Properties) is { } kept)
        {
            await upstreamTokens.SaveAsync(user.Id, kept, context.RequestAborted);
        }

        await signInManager.SignInAsync(user, isPersistent: false);
        metrics.SignIn("succeeded");

        var returnUrl = result.Properties?.RedirectUri;
        return Results.LocalRedirect(FederatedLoginEndpoint.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>The upstream access token (with its expiry) and refresh token of the sign-in, for the token exchange.</summary>
    private static UpstreamTokens.UpstreamTokenSet? KeptTokens(AuthenticationProperties? properties)
    {
        if (properties is null ||
            properties.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelAccessToken) is not { Length: > 0 } accessToken)
        {
            return null;
        }
        var expires = properties.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelAccessTokenExpirationDate);
        DateTimeOffset? expiresAt = DateTimeOffset.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        var refreshToken = properties.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.RefreshToken);
        return new UpstreamTokens.UpstreamTokenSet(accessToken, expiresAt, string.IsNullOrEmpty(refreshToken) ? null : refreshToken);
    }

    public static IReadOnlyCollection<string> RealmRoles(RealmFileReader realmFile) =>
        realmFile.Realm.Roles?.Realm.Select(role => role.Name).OfType<string>().ToList() ?? [];

    private static IResult ErrorPage(FederationOptions federation, string reason)
    {
        var encoder = HtmlEncoder.Default;
        var provider = encoder.Encode(federation.DisplayName ?? federation.Issuer ?? "the upstream provider");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title></head>
            <body><main><h1>Sign-in failed</h1>
            <p role="alert">The sign-in at {{provider}} could not be completed: {{encoder.Encode(reason.TrimEnd('.'))}}.</p>
            <p>Start again from your MCP client.</p></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }

    [LoggerMessage(EventId = 1610, Level = LogLevel.Warning, Message = "Upstream sign-in through {Issuer} refused: {Error}: {Description}")]
    private static partial void LogUpstreamFailure(ILogger logger, string? issuer, string error, string description);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Upstream sign-in through {Issuer} refused: {Problem}")]
    private static partial void LogUnmappable(ILogger logger, string? issuer, string? problem);

    [LoggerMessage(EventId = 1612, Level = LogLevel.Warning, Message = "Upstream sign-in through {Issuer} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? issuer, string reason);
}
