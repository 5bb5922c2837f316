using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Telemetry;
using McpSecure.Gateway.TokenValidation;
using McpSecure.GatewayIdentity.ToolAccess;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Challenges;

/// <summary>
/// The gateway's answers to requests without a usable token: 401 (no or bad token), 400 (malformed request),
/// 403 (missing scope) and 503 (provider unreachable), each with the exact <c>WWW-Authenticate</c> challenge that
/// MCP clients act on and an <see cref="OAuthErrorResponse"/> body that names the problem. Every refusal is counted.
/// </summary>
internal sealed class BearerChallengeResponder(IOptions<GatewayOptions> options, GatewayTelemetry telemetry, ToolAccessPolicy? toolAccess = null)
{
    /// <summary>
    /// What a client should ask for at its first login: the required scopes plus those of the <c>Gateway:ToolAccess</c>
    /// catch-all rule (<c>*</c>), so that the ordinary tools work without a step-up.
    /// </summary>
    private string[] InitialScopes =>
        [.. options.Value.RequiredScopes.Concat(toolAccess?.CatchAllScopes ?? []).Distinct(StringComparer.Ordinal)];

    /// <param name="authenticateFailure">Why authentication failed; null when the request carried no token.</param>
    public async Task WriteUnauthorizedAsync(HttpContext context, Exception? authenticateFailure)
    {
        var gateway = options.Value;
        var failure = authenticateFailure is AggregateException { InnerExceptions.Count: > 0 } aggregate
            ? aggregate.InnerExceptions[0]
            : authenticateFailure;

        switch (failure)
        {
            case AuthorizationServerUnavailableException unavailable:
                telemetry.RecordRefused("provider_unavailable", StatusCodes.Status503ServiceUnavailable);
                await ProviderUnavailableResult.Create(context, unavailable.Message).ExecuteAsync(context);
                break;
            case InvalidTokenRequestException invalidRequest:
                await WriteAsync(context, StatusCodes.Status400BadRequest, OAuthErrorCodes.InvalidRequest, invalidRequest.Message,
                    reason: OAuthErrorCodes.InvalidRequest);
                break;
            case not null:
                var (reason, description) = TokenFailure.Describe(failure, gateway);
                await WriteAsync(context, StatusCodes.Status401Unauthorized, OAuthErrorCodes.InvalidToken, description, reason);
                break;
            default:
                // No token at all: the challenge tells the client where to start (RFC 9728 §5.1) and what to ask for.
                telemetry.RecordRefused("missing_token", StatusCodes.Status401Unauthorized);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = BearerChallenge.Build(gateway.ResourceMetadataUri, scopes: InitialScopes);
                await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(OAuthErrorCodes.Unauthorized, "A Bearer access token is required."), GatewayJsonContext.Default.OAuthErrorResponse);
                break;
        }
    }

    public Task WriteForbiddenAsync(HttpContext context)
    {
        var required = options.Value.RequiredScopes;
        return WriteAsync(context, StatusCodes.Status403Forbidden, OAuthErrorCodes.InsufficientScope,
            $"The token lacks a required scope; request: {string.Join(' ', required)}.",
            reason: OAuthErrorCodes.InsufficientScope, scopes: InitialScopes);
    }

    /// <summary>
    /// 403 for a tool call the token may not make (<c>Gateway:ToolAccess</c>). With <paramref name="scopes"/> the
    /// challenge names every scope to ask for, so the client can step up; without, none would help (a missing role).
    /// </summary>
    public Task WriteToolForbiddenAsync(HttpContext context, string description, IReadOnlyCollection<string>? scopes) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, OAuthErrorCodes.InsufficientScope, description,
            reason: scopes is { Count: > 0 } ? "tool_insufficient_scope" : "tool_not_allowed", scopes: scopes);

    private async Task WriteAsync(HttpContext context, int status, string error, string description, string reason,
        IEnumerable<string>? scopes = null)
    {
        telemetry.RecordRefused(reason, status);
        context.Response.StatusCode = status;
        context.Response.Headers.WWWAuthenticate = BearerChallenge.Build(options.Value.ResourceMetadataUri, error, description, scopes);
        await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(error, description), GatewayJsonContext.Default.OAuthErrorResponse);
    }
}
