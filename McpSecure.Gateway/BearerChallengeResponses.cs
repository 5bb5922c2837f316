using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.Gateway;

/// <summary>
/// The gateway's answers to requests without a usable token: 401 (no or bad token), 400 (malformed request)
/// and 403 (missing scope), each with the exact <c>WWW-Authenticate</c> challenge that MCP clients act on
/// and a JSON body that names the problem.
/// </summary>
public static class BearerChallengeResponses
{
    public static Task WriteUnauthorizedAsync(JwtBearerChallengeContext context, GatewayOptions gateway)
    {
        context.HandleResponse();
        return WriteUnauthorizedAsync(context.HttpContext, context.AuthenticateFailure, gateway);
    }

    /// <param name="authenticateFailure">Why authentication failed; null when the request carried no token.</param>
    public static async Task WriteUnauthorizedAsync(HttpContext context, Exception? authenticateFailure, GatewayOptions gateway)
    {
        var failure = authenticateFailure is AggregateException { InnerExceptions.Count: > 0 } aggregate
            ? aggregate.InnerExceptions[0]
            : authenticateFailure;

        if (failure is AuthorizationServerUnavailableException unavailable)
        {
            // Not the client's fault: a 401 would make it throw its token away.
            GatewayTelemetry.RecordRefused("provider_unavailable", StatusCodes.Status503ServiceUnavailable);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "10";
            await context.Response.WriteAsJsonAsync(new ErrorBody("temporarily_unavailable", unavailable.Message));
        }
        else if (failure is InvalidTokenRequestException invalidRequest)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, gateway,
                BearerChallenge.Errors.InvalidRequest, invalidRequest.Message, reason: "invalid_request");
        }
        else if (failure is not null)
        {
            var (reason, description) = Describe(failure, gateway);
            await WriteAsync(context, StatusCodes.Status401Unauthorized, gateway,
                BearerChallenge.Errors.InvalidToken, description, reason);
        }
        else
        {
            // No token at all: the challenge tells the client where to start (RFC 9728 §5.1) and what to ask for.
            GatewayTelemetry.RecordRefused("missing_token", StatusCodes.Status401Unauthorized);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = BearerChallenge.Build(gateway.ResourceMetadataUri, scopes: gateway.RequiredScopes);
            await context.Response.WriteAsJsonAsync(new ErrorBody("unauthorized", "A Bearer access token is required."));
        }
    }

    public static Task WriteForbiddenAsync(HttpContext context, GatewayOptions gateway) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, gateway, BearerChallenge.Errors.InsufficientScope,
            $"The token lacks a required scope; request: {string.Join(' ', gateway.RequiredScopes)}.",
            reason: "insufficient_scope", scopes: gateway.RequiredScopes);

    private static async Task WriteAsync(HttpContext context, int status, GatewayOptions gateway, string error,
        string description, string reason, IEnumerable<string>? scopes = null)
    {
        GatewayTelemetry.RecordRefused(reason, status);
        context.Response.StatusCode = status;
        context.Response.Headers.WWWAuthenticate = BearerChallenge.Build(gateway.ResourceMetadataUri, error, description, scopes);
        await context.Response.WriteAsJsonAsync(new ErrorBody(error, description));
    }

    /// <summary>A reason tag for metrics and a description for the client; neither contains the token.</summary>
    private static (string Reason, string Description) Describe(Exception failure, GatewayOptions gateway) => failure switch
    {
        SecurityTokenExpiredException e => ("expired", $"The token expired at {e.Expires:yyyy-MM-ddTHH:mm:ssZ}."),
        SecurityTokenNotYetValidException e => ("not_yet_valid", $"The token is not valid before {e.NotBefore:yyyy-MM-ddTHH:mm:ssZ}."),
        SecurityTokenNoExpirationException => ("no_expiry", "The token has no expiry time (exp)."),
        SecurityTokenInvalidAudienceException => ("audience",
            $"The token's audience is not this resource: request a token with resource={gateway.ResourceUri.AbsoluteUri}."),
        SecurityTokenInvalidIssuerException => ("issuer",
            $"The token was not issued by {gateway.AuthorizationServer.Issuer}."),
        SecurityTokenInvalidAlgorithmException e => ("algorithm", $"The token's signing algorithm '{Truncate(e.InvalidAlgorithm, 16)}' is not allowed."),
        SecurityTokenInvalidTypeException => ("type", "The token is not an access token (typ)."),
        SecurityTokenSignatureKeyNotFoundException => ("signature_key",
            "The token is signed with a key that the authorization server does not publish."),
        SecurityTokenInvalidSignatureException => ("signature", "The token signature is invalid or missing."),
        SecurityTokenMalformedException or ArgumentException => ("malformed", "The token is not a well-formed JWT."),
        InactiveTokenException e => ("inactive", e.Message),
        _ => ("invalid", "The token is invalid."),
    };

    private static string Truncate(string? value, int length) =>
        value is null ? "" : value.Length <= length ? value : value[..length] + "...";

    private sealed record ErrorBody(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);
}
