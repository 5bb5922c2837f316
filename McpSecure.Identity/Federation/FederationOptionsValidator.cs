using Microsoft.Extensions.Options;

namespace McpSecure.Identity.Federation;

/// <summary>
/// Start-up validation of <see cref="FederationOptions"/> (only when federation is on, i.e. <c>Identity:Federation:Issuer</c>
/// is set). Every message names the full configuration key.
/// </summary>
internal sealed class FederationOptionsValidator : IValidateOptions<FederationOptions>
{
    private const string Section = FederationOptions.SectionName;
    private const string ClaimsSection = $"{Section}:{nameof(FederationOptions.Claims)}";

    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        ValidateIssuer(options.Issuer!, failures);

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:{nameof(FederationOptions.ClientId)} is required in federation mode: the client id registered for this server at {options.Issuer}.");
        }

        if (options.ClientSecret is { } secret && secret.Length > 0 && string.IsNullOrWhiteSpace(secret))
        {
            failures.Add($"{Section}:{nameof(FederationOptions.ClientSecret)} must not be blank: leave it unset for a public client.");
        }

        if (!options.EffectiveScopes.Contains("openid", StringComparer.Ordinal))
        {
            failures.Add($"{Section}:{nameof(FederationOptions.Scopes)} must contain 'openid' (the ID token carries the nonce and the user's subject); got '{string.Join(' ', options.EffectiveScopes)}'.");
        }

        for (var index = 0; index < options.Scopes.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(options.Scopes[index]) || options.Scopes[index].Contains(' '))
            {
                failures.Add($"{Section}:{nameof(FederationOptions.Scopes)}:{index} must be one scope without spaces (got '{options.Scopes[index]}').");
            }
        }

        RequireClaimName(options.Claims.Subject, nameof(FederationClaimOptions.Subject), failures);
        RequireClaimName(options.Claims.Name, nameof(FederationClaimOptions.Name), failures);
        RequireClaimName(options.Claims.Username, nameof(FederationClaimOptions.Username), failures);
        RequireClaimName(options.Claims.Email, nameof(FederationClaimOptions.Email), failures);
        for (var index = 0; index < options.Claims.Roles.Count; index++)
        {
            RequireClaimName(options.Claims.Roles[index], $"{nameof(FederationClaimOptions.Roles)}:{index}", failures);
        }

        foreach (var (upstream, local) in options.RoleMap)
        {
            if (string.IsNullOrWhiteSpace(local))
            {
                failures.Add($"{Section}:{nameof(FederationOptions.RoleMap)}:{upstream} must name a realm role (got an empty value).");
            }
        }

        for (var index = 0; index < options.DefaultRoles.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(options.DefaultRoles[index]))
            {
                failures.Add($"{Section}:{nameof(FederationOptions.DefaultRoles)}:{index} must name a realm role (got an empty value).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateIssuer(string issuer, List<string> failures)
    {
        const string key = $"{Section}:{nameof(FederationOptions.Issuer)}";

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add($"{key} must be the upstream provider's issuer, an absolute https URL without query, fragment or user info (got '{issuer}').");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            failures.Add($"{key} may use plain http only on a loopback host (localhost, 127.0.0.1, [::1]); use https for '{issuer}'.");
        }
    }

    private static void RequireClaimName(string? value, string property, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{ClaimsSection}:{property} must name an upstream claim (got an empty value).");
        }
    }
}
