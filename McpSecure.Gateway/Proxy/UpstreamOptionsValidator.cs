using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Proxy;

/// <summary>Refuses timeouts that could not work: every message names the full key and the value it got.</summary>
internal sealed class UpstreamOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Prefix = UpstreamOptions.SectionName + ":";
    private static readonly TimeSpan MaxResponseHeadersTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxActivityTimeout = TimeSpan.FromHours(24);
    private static readonly TimeSpan MaxUnavailablePeriod = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinHealthCheckInterval = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = Problems(options.Upstream).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Problems(UpstreamOptions upstream)
    {
        var headersTimeoutValid = upstream.ResponseHeadersTimeout > TimeSpan.Zero && upstream.ResponseHeadersTimeout <= MaxResponseHeadersTimeout;
        if (!headersTimeoutValid)
        {
            yield return $"{Prefix}ResponseHeadersTimeout must be more than 0 and at most {MaxResponseHeadersTimeout} (got {upstream.ResponseHeadersTimeout}).";
        }
        if (upstream.ActivityTimeout <= TimeSpan.Zero || upstream.ActivityTimeout > MaxActivityTimeout)
        {
            yield return $"{Prefix}ActivityTimeout must be more than 0 and at most {MaxActivityTimeout} (got {upstream.ActivityTimeout}).";
        }
        else if (headersTimeoutValid && upstream.ResponseHeadersTimeout > upstream.ActivityTimeout)
        {
            yield return $"{Prefix}ResponseHeadersTimeout ({upstream.ResponseHeadersTimeout}) must not exceed {Prefix}ActivityTimeout " +
                         $"({upstream.ActivityTimeout}): the activity timeout would always fire first.";
        }
        if (upstream.UnavailablePeriod <= TimeSpan.Zero || upstream.UnavailablePeriod > MaxUnavailablePeriod)
        {
            yield return $"{Prefix}UnavailablePeriod must be more than 0 and at most {MaxUnavailablePeriod} (got {upstream.UnavailablePeriod}).";
        }
        if (!upstream.ActiveHealthChecks)
        {
            yield break;
        }
        if (!upstream.HealthCheckPath!.StartsWith('/') || upstream.HealthCheckPath.IndexOfAny(['?', '#']) >= 0)
        {
            yield return $"{Prefix}HealthCheckPath must be a path starting with '/' without query or fragment (got '{upstream.HealthCheckPath}'), or empty to turn probing off.";
        }
        if (upstream.HealthCheckInterval < MinHealthCheckInterval)
        {
            yield return $"{Prefix}HealthCheckInterval must be at least {MinHealthCheckInterval} (got {upstream.HealthCheckInterval}).";
        }
        if (upstream.HealthCheckTimeout <= TimeSpan.Zero || upstream.HealthCheckTimeout > upstream.HealthCheckInterval)
        {
            yield return $"{Prefix}HealthCheckTimeout must be more than 0 and at most {Prefix}HealthCheckInterval ({upstream.HealthCheckInterval}) (got {upstream.HealthCheckTimeout}).";
        }
    }
}
