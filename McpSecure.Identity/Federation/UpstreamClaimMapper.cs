using System.Security.Claims;

namespace McpSecure.Identity.Federation;

/// <summary>
/// Maps the claims the upstream provider returned (ID token and userinfo, merged by OpenIddict's client) to an
/// <see cref="UpstreamIdentity"/>, by <see cref="FederationOptions.Claims"/>. Only realm roles come through: an upstream
/// group is kept when <see cref="FederationOptions.RoleMap"/> maps it to a realm role or it is one by name.
/// </summary>
internal static class UpstreamClaimMapper
{
    /// <summary>Longest subject or user name accepted (they become database keys).</summary>
    public const int MaxIdentifierLength = 256;

    /// <returns>The identity, or <c>null</c> with <paramref name="problem"/> saying which claim is missing or unusable.</returns>
    public static UpstreamIdentity? Map(ClaimsPrincipal upstream, FederationOptions options, IReadOnlyCollection<string> realmRoles, out string? problem)
    {
        var claims = options.Claims;
        var subject = First(upstream, claims.Subject);
        if (string.IsNullOrWhiteSpace(subject))
        {
            problem = $"the upstream provider sent no '{claims.Subject}' claim ({FederationOptions.SectionName}:Claims:Subject)";
            return null;
        }
        if (subject.Length > MaxIdentifierLength)
        {
            problem = $"the upstream '{claims.Subject}' claim is longer than {MaxIdentifierLength} characters";
            return null;
        }

        var username = First(upstream, claims.Username) is { Length: > 0 and <= MaxIdentifierLength } name ? name : subject;

        var known = new HashSet<string>(realmRoles, StringComparer.Ordinal);
        var roles = claims.EffectiveRoles
            .SelectMany(type => Values(upstream, type))
            .Select(value => options.RoleMap.TryGetValue(value, out var mapped) ? mapped : value)
            .Concat(options.DefaultRoles)
            .Where(known.Contains)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        problem = null;
        return new UpstreamIdentity(options.Issuer!, subject, username, First(upstream, claims.Name), First(upstream, claims.Email), roles);
    }

    private static string? First(ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;

    /// <summary>Every value of a claim: repeated claims, and JSON arrays kept as one claim.</summary>
    private static IEnumerable<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).SelectMany(claim => claim.Value.StartsWith('[')
            ? ParseArray(claim.Value)
            : [claim.Value]);

    private static IEnumerable<string> ParseArray(string json)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
