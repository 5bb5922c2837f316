using Microsoft.Extensions.Options;

namespace McpSecure.PrometheusMcp;

/// <summary>The rules between <see cref="PrometheusOptions"/> settings that attributes cannot express. Errors name the key.</summary>
public sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    // Headers the client sets itself or that must never be configured by hand.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Scope-OrgID", "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection",
    };

    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new List<string>();
        const string s = PrometheusOptions.SectionName;

        if (options.BaseUrl is { IsAbsoluteUri: true } url && url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{s}:BaseUrl must be an http or https URL (got '{url.Scheme}').");
        }
        if (options.BaseUrl is { IsAbsoluteUri: true } withUser && !string.IsNullOrEmpty(withUser.UserInfo))
        {
            errors.Add($"{s}:BaseUrl must not contain credentials: use {s}:Username and {s}:Password.");
        }
        if (!string.IsNullOrEmpty(options.Username) != !string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{s}:Username and {s}:Password go together: set both for basic authentication, or neither.");
        }
        if (!string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.BearerToken))
        {
            errors.Add($"{s}:BearerToken and {s}:Username/{s}:Password are exclusive: Prometheus takes one Authorization header.");
        }
        if (options.TenantId is { } tenant && (tenant.Length == 0 || tenant.Any(char.IsControl)))
        {
            errors.Add($"{s}:TenantId must be a non-empty value without control characters.");
        }
        foreach (var (header, value) in options.Headers)
        {
            if (ReservedHeaders.Contains(header))
            {
                errors.Add($"{s}:Headers:{header} is not allowed: use {s}:BearerToken, {s}:Username/Password or {s}:TenantId.");
            }
            else if (header.Length == 0 || !header.All(c => c is > ' ' and < (char)127 and not ':'))
            {
                errors.Add($"{s}:Headers:{header} is not a valid header name.");
            }
            if (value is null || value.Any(char.IsControl))
            {
                errors.Add($"{s}:Headers:{header} must have a value without control characters.");
            }
        }

        var tls = options.Tls;
        foreach (var (key, path) in new[]
                 {
                     ("CaCertificatePath", tls.CaCertificatePath), ("ClientCertificatePath", tls.ClientCertificatePath),
                     ("ClientKeyPath", tls.ClientKeyPath),
                 })
        {
            if (!string.IsNullOrEmpty(path) && !File.Exists(path))
            {
                errors.Add($"{s}:Tls:{key} = '{path}' does not exist.");
            }
        }
        if (string.IsNullOrEmpty(tls.ClientCertificatePath) != string.IsNullOrEmpty(tls.ClientKeyPath))
        {
            errors.Add($"{s}:Tls:ClientCertificatePath and {s}:Tls:ClientKeyPath go together.");
        }
        if (tls.InsecureSkipVerify && !string.IsNullOrEmpty(tls.CaCertificatePath))
        {
            errors.Add($"{s}:Tls:InsecureSkipVerify and {s}:Tls:CaCertificatePath contradict each other: choose one.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
