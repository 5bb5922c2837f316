using System.Security.Claims;
using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.TokenValidation;

/// <summary>
/// After any token validation mode: copies the configured name and role claims (<see cref="ClaimMappingOptions"/>) into
/// <c>name</c> and <c>role</c>, once (it runs again on every authentication of the same principal).
/// </summary>
internal sealed class CanonicalClaimsTransformation(IOptions<GatewayOptions> options) : IClaimsTransformation
{
    private const string MappedMarker = "mcpsecure:claims_mapped";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var mapping = options.Value.Claims;
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity ||
            identity.HasClaim(claim => claim.Type == MappedMarker) ||
            (mapping.NameClaim is null && mapping.RoleClaims.Length == 0))
        {
            return Task.FromResult(principal);
        }

        if (mapping.NameClaim is { } nameClaim && !identity.HasClaim(claim => claim.Type == "name") &&
            identity.FindFirst(nameClaim) is { } name)
        {
            identity.AddClaim(new Claim("name", name.Value));
        }

        var roles = identity.FindAll("role").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var role in mapping.RoleClaims.SelectMany(type => identity.FindAll(type)).Select(claim => claim.Value).ToList())
        {
            if (roles.Add(role))
            {
                identity.AddClaim(new Claim("role", role));
            }
        }

        identity.AddClaim(new Claim(MappedMarker, "true"));
        return Task.FromResult(principal);
    }
}
