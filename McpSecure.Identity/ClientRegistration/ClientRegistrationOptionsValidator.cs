using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// Start-up validation of <see cref="ClientRegistrationOptions"/>: every limit must be positive. Every message
/// names the full configuration key (<c>Identity:ClientRegistration:...</c>).
/// </summary>
internal sealed class ClientRegistrationOptionsValidator : IValidateOptions<ClientRegistrationOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientRegistrationOptions options)
    {
        (string Name, int Value)[] limits =
        [
            (nameof(options.MaxRedirectUris), options.MaxRedirectUris),
            (nameof(options.MaxRedirectUriLength), options.MaxRedirectUriLength),
            (nameof(options.MaxClientNameLength), options.MaxClientNameLength),
            (nameof(options.RegistrationsPerMinute), options.RegistrationsPerMinute),
        ];

        var failures = limits
            .Where(limit => limit.Value <= 0)
            .Select(limit => $"{ClientRegistrationOptions.SectionName}:{limit.Name} must be a positive number (got {limit.Value}).")
            .ToList();

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
