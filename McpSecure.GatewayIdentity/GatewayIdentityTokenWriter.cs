using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.GatewayIdentity;

/// <summary>
/// The gateway's side: turns the caller the gateway authenticated into the value of
/// <see cref="GatewayIdentityDefaults.HeaderName"/>, an HS256 JWT that lives <see cref="GatewayIdentityDefaults.Lifetime"/>.
/// Only the claims of <see cref="GatewayIdentityClaimTypes.Forwarded"/> are copied; the access token itself is not.
/// </summary>
public sealed class GatewayIdentityTokenWriter
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public GatewayIdentityTokenWriter(string signingKey, TimeProvider time, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _credentials = new SigningCredentials(GatewayIdentitySigningKey.Create(signingKey), SecurityAlgorithms.HmacSha256);
        _time = time;
        _lifetime = lifetime ?? GatewayIdentityDefaults.Lifetime;
        if (_lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A forwarded identity's lifetime must be positive.");
        }
    }

    public string Write(ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = new Dictionary<string, object>();
        foreach (var type in GatewayIdentityClaimTypes.Forwarded)
        {
            var values = caller.FindAll(type).Select(claim => claim.Value).ToArray();
            if (values.Length > 0)
            {
                claims[type] = values.Length == 1 ? values[0] : values;
            }
        }

        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayIdentityDefaults.Issuer,
            Audience = GatewayIdentityDefaults.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            Claims = claims,
            SigningCredentials = _credentials,
        });
    }
}
