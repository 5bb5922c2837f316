namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// What came back to the client's redirect URI, and whether the user saw McpSecure.Identity's consent page on the
/// way; or, when the provider refused to redirect (the request failed before the redirect URI could be trusted), the
/// error it showed the user (<see cref="ReachedClient"/> false).
/// </summary>
public sealed record AuthorizationOutcome(Uri RedirectedTo, IReadOnlyDictionary<string, string> Parameters, string? ConsentPage,
    bool ReachedClient = true)
{
    public string? Code => Parameters.GetValueOrDefault("code");
    public string? Error => Parameters.GetValueOrDefault("error");
    public string Describe() => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));
}
