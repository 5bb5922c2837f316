using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Configuration;

/// <summary>
/// Start-up validation of <see cref="IdentityProviderOptions"/>. Every message names the configuration key
/// so a misconfigured host fails with an error that says what to fix.
/// </summary>
internal sealed class IdentityProviderOptionsValidator : IValidateOptions<IdentityProviderOptions>
{
    private const string Section = IdentityProviderOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IdentityProviderOptions options)
    {
        var failures = new List<string>();

        ValidateIssuer(options.Issuer, failures);
        ValidateDataPath(options.DataPath, failures);
        ValidateRealmFile(options.RealmFile, failures);
        ValidateResources(options.Resources, failures);

        if (options.AccessTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(IdentityProviderOptions.AccessTokenLifetime)} must be a positive TimeSpan such as 01:00:00 (got '{options.AccessTokenLifetime}').");
        }

        if (options.SigningKeyRotationPeriod <= options.AccessTokenLifetime)
        {
            failures.Add($"{Section}:{nameof(IdentityProviderOptions.SigningKeyRotationPeriod)} must be longer than {Section}:{nameof(IdentityProviderOptions.AccessTokenLifetime)} " +
                $"(got '{options.SigningKeyRotationPeriod}' and '{options.AccessTokenLifetime}'): only the previous key stays published after a rotation.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateIssuer(string? issuer, List<string> failures)
    {
        const string key = $"{Section}:{nameof(IdentityProviderOptions.Issuer)}";

        if (string.IsNullOrWhiteSpace(issuer))
        {
            failures.Add($"{key} is required: the absolute URL of this provider, e.g. http://localhost:5101/.");
            return;
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            failures.Add($"{key} must be an absolute http(s) URL without query or fragment (got '{issuer}').");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            failures.Add($"{key} may use plain http only on a loopback host (localhost, 127.0.0.1, [::1]); use https for '{issuer}'.");
        }
    }

    private static void ValidateDataPath(string? dataPath, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(dataPath))
        {
            failures.Add($"{Section}:{nameof(IdentityProviderOptions.DataPath)} is required: the folder for the database and keys (created if missing).");
        }
    }

    private static void ValidateRealmFile(string? realmFile, List<string> failures)
    {
        const string key = IdentityProviderOptions.RealmFileKey;

        if (string.IsNullOrWhiteSpace(realmFile))
        {
            failures.Add($"{key} is required: the path of the Keycloak realm export to seed from.");
        }
        else if (!File.Exists(realmFile))
        {
            failures.Add($"{key} points to '{Path.GetFullPath(realmFile)}', which does not exist.");
        }
    }

    private static void ValidateResources(List<string> resources, List<string> failures)
    {
        const string key = $"{Section}:{nameof(IdentityProviderOptions.Resources)}";

        if (resources.Count == 0)
        {
            failures.Add($"{key} must list at least one resource server URI, e.g. {key}:0=http://localhost:5100/mcp.");
        }

        for (var index = 0; index < resources.Count; index++)
        {
            var resource = resources[index];
            if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
                !string.IsNullOrEmpty(uri.Fragment))
            {
                failures.Add($"{key}:{index} must be an absolute http(s) URI without fragment (got '{resource}').");
            }
        }
    }
}
