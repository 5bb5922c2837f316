using System.Security.Claims;

namespace McpSecure.GatewayIdentity;

/// <summary>
/// The signed-in user as the gateway forwarded them: what a tool needs to know about its caller. Read it from
/// <see cref="HttpContext.User"/> (or the MCP SDK's request context user) with <see cref="From"/>.
/// </summary>
public sealed record GatewayCaller(
    string Subject,
    string? Name,
    string? Username,
    string? Email,
    IReadOnlySet<string> Scopes,
    IReadOnlySet<string> Roles,
    string? ClientId)
{
    /// <summary>The caller, or null when the user was not authenticated by the gateway identity scheme.</summary>
    public static GatewayCaller? From(ClaimsPrincipal? user)
    {
        var identity = user?.Identities.FirstOrDefault(i =>
            i is { IsAuthenticated: true, AuthenticationType: GatewayIdentityDefaults.AuthenticationScheme });
        if (identity?.FindFirst(GatewayIdentityClaimTypes.Subject)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }

        string? Single(string type) => identity.FindFirst(type)?.Value;
        return new GatewayCaller(
            subject,
            Single(GatewayIdentityClaimTypes.Name),
            Single(GatewayIdentityClaimTypes.PreferredUsername),
            Single(GatewayIdentityClaimTypes.Email),
            identity.FindAll(GatewayIdentityClaimTypes.Scope)
                .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .ToHashSet(StringComparer.Ordinal),
            identity.FindAll(GatewayIdentityClaimTypes.Role).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal),
            Single(GatewayIdentityClaimTypes.ClientId));
    }

    public bool HasScope(string scope) => Scopes.Contains(scope);

    public bool IsInRole(string role) => Roles.Contains(role);
}
