namespace McpSecure.PrometheusMcp.Prometheus;

/// <summary>
/// Checks <see cref="PrometheusOptions"/> at start-up, so that a wrong setting stops the server with a message naming
/// its key (<c>Prometheus:…</c>) instead of failing the first tool call.
/// </summary>
internal sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    private const string S = PrometheusOptions.SectionName;

    private static readonly TimeSpan MinQueryTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxQueryTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinReachabilityTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxReachabilityTimeout = TimeSpan.FromSeconds(30);

    // Headers the client sets itself or that must never be configured by hand.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", PrometheusRequestHeaders.TenantHeader, "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection",
    };

    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new List<string>();
        ValidateBaseUrl(options.BaseUrl, errors);
        if (options.QueryTimeout < MinQueryTimeout || options.QueryTimeout > MaxQueryTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{S}:QueryTimeout = {options.QueryTimeout} is out of range: use {MinQueryTimeout} to {MaxQueryTimeout}."));
        }
        if (options.ReachabilityTimeout < MinReachabilityTimeout || options.ReachabilityTimeout > MaxReachabilityTimeout ||
            options.ReachabilityTimeout > options.QueryTimeout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{S}:ReachabilityTimeout = {options.ReachabilityTimeout} is out of range: use {MinReachabilityTimeout} to {MaxReachabilityTimeout}, and at most {S}:QueryTimeout ({options.QueryTimeout})."));
        }
        CheckRange(errors, nameof(options.MaxSeries), options.MaxSeries, 1, 100_000);
        CheckRange(errors, nameof(options.MaxPointsPerSeries), options.MaxPointsPerSeries, 10, 11_000);
        CheckRange(errors, nameof(options.MaxOutputCharacters), options.MaxOutputCharacters, 1_000, 10_000_000);

        if (!string.IsNullOrEmpty(options.Username) != !string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{S}:Username and {S}:Password go together: set both for basic authentication, or neither.");
        }
        if (!string.IsNullOrEmpty(options.Username) && !string.IsNullOrEmpty(options.BearerToken))
        {
            errors.Add($"{S}:BearerToken and {S}:Username/{S}:Password are exclusive: Prometheus takes one Authorization header.");
        }
        if (options.TenantId is { } tenant && (tenant.Length == 0 || tenant.Any(char.IsControl)))
        {
            errors.Add($"{S}:TenantId must be a non-empty value without control characters.");
        }
        ValidateHeaders(options.Headers, errors);
        ValidateTls(options.Tls, errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateBaseUrl(Uri? url, List<string> errors)
    {
        if (url is null)
        {
            errors.Add($"{S}:BaseUrl is required: the URL of the Prometheus HTTP API, e.g. http://prometheus:9090.");
        }
        else if (!url.IsAbsoluteUri)
        {
            errors.Add($"{S}:BaseUrl = '{url}' must be an absolute http or https URL.");
        }
        else
        {
            if (url.Scheme is not ("http" or "https"))
            {
                errors.Add($"{S}:BaseUrl must be an http or https URL (got '{url.Scheme}').");
            }
            if (!string.IsNullOrEmpty(url.UserInfo))
            {
                errors.Add($"{S}:BaseUrl must not contain credentials: use {S}:Username and {S}:Password.");
            }
        }
    }

    private static void CheckRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{S}:{key} = {value} is out of range: use {min} to {max}."));
        }
    }

    private static void ValidateHeaders(Dictionary<string, string> headers, List<string> errors)
    {
        foreach (var (header, value) in headers)
        {
            if (ReservedHeaders.Contains(header))
            {
                errors.Add($"{S}:Headers:{header} is not allowed: use {S}:BearerToken, {S}:Username/Password or {S}:TenantId.");
            }
            else if (header.Length == 0 || !header.All(c => c is > ' ' and < (char)127 and not ':'))
            {
                errors.Add($"{S}:Headers:{header} is not a valid header name.");
            }
            if (value is null || value.Any(char.IsControl))
            {
                errors.Add($"{S}:Headers:{header} must have a value without control characters.");
            }
        }
    }

    private static void ValidateTls(PrometheusTlsOptions tls, List<string> errors)
    {
        foreach (var (key, path) in new[]
                 {
                     (nameof(tls.CaCertificatePath), tls.CaCertificatePath), (nameof(tls.ClientCertificatePath), tls.ClientCertificatePath),
                     (nameof(tls.ClientKeyPath), tls.ClientKeyPath),
                 })
        {
            if (!string.IsNullOrEmpty(path) && !File.Exists(path))
            {
                errors.Add($"{S}:Tls:{key} = '{path}' does not exist.");
            }
        }
        if (string.IsNullOrEmpty(tls.ClientCertificatePath) != string.IsNullOrEmpty(tls.ClientKeyPath))
        {
            errors.Add($"{S}:Tls:ClientCertificatePath and {S}:Tls:ClientKeyPath go together.");
        }
        if (tls.InsecureSkipVerify && !string.IsNullOrEmpty(tls.CaCertificatePath))
        {
            errors.Add($"{S}:Tls:InsecureSkipVerify and {S}:Tls:CaCertificatePath contradict each other: choose one.");
        }
    }
}
