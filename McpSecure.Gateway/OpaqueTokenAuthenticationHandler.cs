using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway;

/// <summary>
/// Bearer authentication for opaque tokens: each token is checked by asking the provider
/// (<see cref="IOpaqueTokenValidator"/>), with the same transport rules and challenges as JWT mode.
/// </summary>
public sealed class OpaqueTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<GatewayOptions> gatewayOptions, IOpaqueTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "OpaqueBearer";

    private readonly GatewayOptions _gateway = gatewayOptions.Value;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenRequestRules.Check(Request) is { } problem)
        {
            return AuthenticateResult.Fail(problem);
        }
        if (TokenRequestRules.BearerToken(Request.Headers.Authorization.ToString()) is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        try
        {
            var principal = await validator.ValidateAsync(token, Context.RequestAborted);
            GatewayTelemetry.TagCaller(principal);
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
        await BearerChallengeResponses.WriteUnauthorizedAsync(Context, result.Failure, _gateway);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        BearerChallengeResponses.WriteForbiddenAsync(Context, _gateway);
}

/// <summary>Asks the provider whether an opaque token is good, and for whom.</summary>
public interface IOpaqueTokenValidator
{
    /// <exception cref="InactiveTokenException">The provider says the token is not active.</exception>
    /// <exception cref="AuthorizationServerUnavailableException">The provider could not be asked.</exception>
    Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken);
}
