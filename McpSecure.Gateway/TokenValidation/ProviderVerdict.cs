using System.Security.Claims;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>A provider's cached answer about one token: who it is for, or why it was refused.</summary>
internal sealed record ProviderVerdict(ClaimsPrincipal? Principal, Exception? Failure)
{
    public ClaimsPrincipal PrincipalOrThrow() => Principal ?? throw Failure!;
}
