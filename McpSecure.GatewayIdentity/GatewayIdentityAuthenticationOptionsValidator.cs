using Microsoft.Extensions.Options;

namespace McpSecure.GatewayIdentity;

/// <summary>Refuses to start an MCP server that could not verify the gateway's identities.</summary>
internal sealed class GatewayIdentityAuthenticationOptionsValidator : IValidateOptions<GatewayIdentityAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayIdentityAuthenticationOptions options)
    {
        if (name != GatewayIdentityDefaults.AuthenticationScheme)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (GatewayIdentitySigningKey.Problem(options.SigningKey) is { } problem)
        {
            failures.Add($"{GatewayIdentityDefaults.SectionName}:SigningKey {problem}: it is the key shared with McpSecure.Gateway " +
                         "(Gateway:IdentityForwarding:SigningKey there).");
        }
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{GatewayIdentityDefaults.SectionName}:ClockSkew must be between 0 and 5 minutes (got {options.ClockSkew}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
