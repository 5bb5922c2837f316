using System.Security.Claims;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// The RFC 8693 token exchange at <c>/connect/token</c> (<c>grant_type=urn:ietf:params:oauth:grant-type:token-exchange</c>),
/// after OpenIddict has authenticated the confidential client and validated the subject token: checks the request
/// (<see cref="TokenExchangeRequestCheck"/>), that the user still has a valid authorization here (when every one is
/// revoked, their kept upstream tokens are deleted), and answers with the user's current upstream access token
/// (<see cref="UpstreamAccessTokens"/>). The subject token (our token for the gateway) is never sent upstream; no token
/// is logged.
/// </summary>
internal static partial class TokenExchangeEndpoint
{
    public static Task<IResult> HandleAsync(HttpContext context, OpenIddictRequest request, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        return HandleAsync(context, request,
            services.GetRequiredService<IOptions<UpstreamTokenOptions>>(),
            services.GetRequiredService<IOptions<IdentityProviderOptions>>(),
            services.GetRequiredService<UpstreamAccessTokens>(),
            services.GetRequiredService<IUpstreamTokenStore>(),
            services.GetRequiredService<IOpenIddictAuthorizationManager>(),
            services.GetRequiredService<UpstreamTokenMetrics>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenExchangeEndpoint)),
            cancellationToken);
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        OpenIddictRequest request,
        IOptions<UpstreamTokenOptions> options,
        IOptions<IdentityProviderOptions> identityOptions,
        UpstreamAccessTokens upstreamTokens,
        IUpstreamTokenStore store,
        IOpenIddictAuthorizationManager authorizations,
        UpstreamTokenMetrics metrics,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var clientId = request.ClientId ?? string.Empty;
        var authenticated = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subjectToken = authenticated.Principal;
        if (subjectToken is null)
        {
            return Refuse(metrics, logger, clientId, new(Errors.InvalidGrant, "The subject token is not valid."));
        }

        var targets = request.GetAudiences().Concat(request.GetResources()).Distinct(StringComparer.Ordinal).ToList();
        var subject = subjectToken.GetClaim(Claims.Subject);
        var subjectClient = subjectToken.GetClaim(Claims.ClientId) ?? subjectToken.GetPresenters().FirstOrDefault();
        var subjectAudiences = subjectToken.GetAudiences().Concat(subjectToken.GetResources()).ToHashSet(StringComparer.Ordinal);
        var refusal = TokenExchangeRequestCheck.Refusal(options.Value, clientId, request.RequestedTokenType, targets,
            subject, subjectClient, subjectAudiences, identityOptions.Value.ResourceIdentifiers.ToList());
        if (refusal is not null)
        {
            return Refuse(metrics, logger, clientId, refusal);
        }

        if (!await HasValidAuthorizationAsync(authorizations, subjectToken, subject!, cancellationToken))
        {
            await store.DeleteAsync(subject!, cancellationToken);
            return Refuse(metrics, logger, clientId, new(Errors.InvalidGrant,
                "The user's authorization was revoked: their upstream tokens were deleted."));
        }

        var (tokens, problem) = await upstreamTokens.CurrentAsync(subject!, cancellationToken);
        if (tokens is null)
        {
            return Refuse(metrics, logger, clientId, new(Errors.InvalidGrant, $"No upstream token: {problem}."));
        }

        metrics.Exchanged("issued");
        LogIssued(logger, clientId, subject!, targets[0]);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        var expiresIn = tokens.ExpiresAt is { } expires
            ? (long?)Math.Max(0, (long)(expires - time.GetUtcNow()).TotalSeconds)
            : null;
        return Results.Json(new TokenExchangeResponse(tokens.AccessToken, TokenTypeIdentifiers.AccessToken, TokenTypes.Bearer, expiresIn));
    }

    /// <summary>The subject token's authorization (or, without one, any of the user's) must still be valid.</summary>
    private static async Task<bool> HasValidAuthorizationAsync(
        IOpenIddictAuthorizationManager authorizations, ClaimsPrincipal subjectToken, string subject, CancellationToken cancellationToken)
    {
        if (subjectToken.GetAuthorizationId() is { Length: > 0 } authorizationId)
        {
            var authorization = await authorizations.FindByIdAsync(authorizationId, cancellationToken);
            return authorization is not null && await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken);
        }
        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, cancellationToken))
        {
            if (await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken))
            {
                return true;
            }
        }
        return false;
    }

    private static IResult Refuse(UpstreamTokenMetrics metrics, ILogger logger, string clientId, TokenExchangeRefusal refusal)
    {
        metrics.Exchanged(refusal.Error);
        LogRefused(logger, clientId, refusal.Error, refusal.Description);
        return OpenIddictResults.Forbid(refusal.Error, refusal.Description);
    }

    [LoggerMessage(EventId = 1630, Level = LogLevel.Information, Message = "Token exchange: client {ClientId} got the upstream access token of subject {Subject} for {Audience}")]
    private static partial void LogIssued(ILogger logger, string clientId, string subject, string audience);

    [LoggerMessage(EventId = 1631, Level = LogLevel.Warning, Message = "Token exchange refused for client {ClientId}: {Error}: {Description}")]
    private static partial void LogRefused(ILogger logger, string clientId, string error, string description);
}
