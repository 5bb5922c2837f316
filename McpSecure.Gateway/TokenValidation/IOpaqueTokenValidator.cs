using System.Security.Claims;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>Asks the provider whether an opaque token is good, and for whom.</summary>
internal interface IOpaqueTokenValidator
{
    /// <exception cref="InactiveTokenException">The provider says the token is not active.</exception>
    /// <exception cref="AuthorizationServerUnavailableException">The provider could not be asked.</exception>
    Task<ClaimsPrincipal> ValidateAsync(string token, CancellationToken cancellationToken);
}
