using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.GatewayIdentity;

/// <summary>The HMAC key shared by the gateway and the MCP server, from its configured text.</summary>
public static class GatewayIdentitySigningKey
{
    /// <summary>Why <paramref name="configured"/> cannot be the key, or null when it can.</summary>
    public static string? Problem(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return "is required";
        }
        var length = Encoding.UTF8.GetByteCount(configured);
        return length < GatewayIdentityDefaults.MinimumKeyBytes
            ? $"must be at least {GatewayIdentityDefaults.MinimumKeyBytes} bytes of UTF-8 (got {length})"
            : null;
    }

    public static SymmetricSecurityKey Create(string configured)
    {
        if (Problem(configured) is { } problem)
        {
            throw new ArgumentException($"The gateway identity signing key {problem}.", nameof(configured));
        }
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
    }
}
