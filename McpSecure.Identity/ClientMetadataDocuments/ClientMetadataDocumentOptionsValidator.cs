using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>Start-up validation of <see cref="ClientMetadataDocumentOptions"/>; every message names the full key.</summary>
internal sealed class ClientMetadataDocumentOptionsValidator : IValidateOptions<ClientMetadataDocumentOptions>
{
    private const string Section = ClientMetadataDocumentOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClientMetadataDocumentOptions options)
    {
        var failures = new List<string>();
        if (options.MaxDocumentBytes is <= 0 or > 1024 * 1024)
        {
            failures.Add($"{Section}:MaxDocumentBytes must be between 1 and 1048576 (got {options.MaxDocumentBytes}).");
        }
        if (options.FetchTimeout <= TimeSpan.Zero || options.FetchTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:FetchTimeout must be positive and at most 00:01:00 (got {options.FetchTimeout}).");
        }
        if (options.DefaultCacheDuration < TimeSpan.Zero)
        {
            failures.Add($"{Section}:DefaultCacheDuration must not be negative (got {options.DefaultCacheDuration}).");
        }
        if (options.MaxCacheDuration < options.DefaultCacheDuration)
        {
            failures.Add($"{Section}:MaxCacheDuration ({options.MaxCacheDuration}) must be at least {Section}:DefaultCacheDuration ({options.DefaultCacheDuration}).");
        }
        if (options.MaxCacheEntries <= 0)
        {
            failures.Add($"{Section}:MaxCacheEntries must be a positive number (got {options.MaxCacheEntries}).");
        }
        if (options.TrustedDevelopmentCertificatePath is { Length: > 0 } path)
        {
            if (!options.AllowLoopback)
            {
                failures.Add($"{Section}:TrustedDevelopmentCertificatePath is for development only and requires {Section}:AllowLoopback=true.");
            }
            else if (!File.Exists(path))
            {
                failures.Add($"{Section}:TrustedDevelopmentCertificatePath names a file that does not exist: '{path}'.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
