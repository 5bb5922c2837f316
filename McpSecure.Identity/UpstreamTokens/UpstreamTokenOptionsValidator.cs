using Microsoft.Extensions.Options;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary>Start-up validation of <see cref="UpstreamTokenOptions"/>; every message names the full key.</summary>
internal sealed class UpstreamTokenOptionsValidator : IValidateOptions<UpstreamTokenOptions>
{
    private const string Section = UpstreamTokenOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, UpstreamTokenOptions options)
    {
        if (!options.Keep)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.ExchangeClients.Count == 0)
        {
            failures.Add($"{Section}:{nameof(UpstreamTokenOptions.ExchangeClients)} must name at least one confidential client when {Section}:{nameof(UpstreamTokenOptions.Keep)} is true (nobody could use the kept tokens).");
        }
        for (var index = 0; index < options.ExchangeClients.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(options.ExchangeClients[index]))
            {
                failures.Add($"{Section}:{nameof(UpstreamTokenOptions.ExchangeClients)}:{index} must be a client id (got an empty value).");
            }
        }
        if (options.Audiences.Count == 0)
        {
            failures.Add($"{Section}:{nameof(UpstreamTokenOptions.Audiences)} must name at least one upstream audience when {Section}:{nameof(UpstreamTokenOptions.Keep)} is true.");
        }
        for (var index = 0; index < options.Audiences.Count; index++)
        {
            var audience = options.Audiences[index];
            if (string.IsNullOrWhiteSpace(audience) || audience.Any(char.IsWhiteSpace))
            {
                failures.Add($"{Section}:{nameof(UpstreamTokenOptions.Audiences)}:{index} must be one audience without spaces (got '{audience}').");
            }
        }
        if (options.RefreshBefore < TimeSpan.Zero || options.RefreshBefore > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:{nameof(UpstreamTokenOptions.RefreshBefore)} must be between 00:00:00 and 01:00:00 (got {options.RefreshBefore}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
