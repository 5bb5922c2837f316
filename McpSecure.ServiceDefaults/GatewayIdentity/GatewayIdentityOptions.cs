using System.ComponentModel.DataAnnotations;
using System.Text;

namespace McpSecure.ServiceDefaults.GatewayIdentity;

/// <summary>
/// The caller's identity as McpSecure.Gateway forwards it to the MCP server: a short-lived JWT in one header,
/// signed with a key only the gateway and the MCP server hold, so that a caller who reaches the MCP server
/// directly cannot forge it. Section <c>GatewayIdentity</c> (the gateway binds the same shape under
/// <c>Gateway:IdentityForwarding</c>).
/// </summary>
public sealed class GatewayIdentityOptions : IValidatableObject
{
    public const string SectionName = "GatewayIdentity";
    public const string HeaderName = "X-McpSecure-Identity";
    /// <summary>Every request header with this prefix is the gateway's to set; the gateway drops client copies.</summary>
    public const string ReservedHeaderPrefix = "X-McpSecure-";
    public const string Issuer = "mcpsecure-gateway";
    public const string Audience = "mcpsecure-mcp-server";
    public const int MinimumKeyBytes = 32;

    /// <summary>The shared HMAC key (at least 32 bytes of UTF-8). The AppHost generates it as a secret parameter.</summary>
    [Required(ErrorMessage = "GatewayIdentity:SigningKey is required: the key shared with McpSecure.Gateway (Gateway:IdentityForwarding:SigningKey).")]
    public string? SigningKey { get; set; }

    /// <summary>How long a forwarded identity is valid; it covers one proxied request.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(2);

    public byte[] KeyBytes => Encoding.UTF8.GetBytes(SigningKey ?? "");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKey is not null && KeyBytes.Length < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"The gateway identity signing key must be at least {MinimumKeyBytes} bytes (got {KeyBytes.Length}).", [nameof(SigningKey)]);
        }
    }
}
