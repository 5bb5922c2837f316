using System.Text.Encodings.Web;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// Bearer authentication for opaque tokens: each token is checked by asking the provider
/// (<see cref="IOpaqueTokenValidator"/>), with the same transport rules and challenges as JWT mode.
/// </summary>
internal sealed class OpaqueTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    IOpaqueTokenValidator validator, BearerChallengeResponder challenges, GatewayTelemetry telemetry)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "OpaqueBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenTransportRules.Check(Request) is { } problem)
        {
            return AuthenticateResult.Fail(problem);
        }
        if (TokenTransportRules.BearerToken(Request.Headers.Authorization.ToString()) is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        try
        {
            var principal = await validator.ValidateAsync(token, Context.RequestAborted);
            telemetry.TagCaller(principal);
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return AuthenticateResult.Fail(ex);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await challenges.WriteUnauthorizedAsync(Context, result.Failure);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => challenges.WriteForbiddenAsync(Context);
}
