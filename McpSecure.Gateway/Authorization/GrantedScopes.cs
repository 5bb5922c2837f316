using System.Security.Claims;

namespace McpSecure.Gateway.Authorization;

/// <summary>The scopes a token grants.</summary>
internal static class GrantedScopes
{
    /// <summary>OAuth carries scopes as one space-separated <c>scope</c> claim; some providers use several <c>scp</c> claims.</summary>
    public static HashSet<string> Of(ClaimsPrincipal user) =>
        user.FindAll("scope").Concat(user.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
}
