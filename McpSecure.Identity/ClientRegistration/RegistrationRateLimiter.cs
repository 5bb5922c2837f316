using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using McpSecure.Identity.Configuration;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// At most <c>Identity:ClientRegistration:RegistrationsPerMinute</c> client registrations per remote address and
/// minute (fixed window). Only valid requests count, since only they create a client: invalid ones are rejected
/// before anything is stored. Over the limit: 429 with <c>Retry-After</c> and a JSON error that says why.
/// </summary>
public sealed class RegistrationRateLimiter : IDisposable
{
    public const string Error = "too_many_registrations";

    private readonly int _permitsPerMinute;
    private readonly PartitionedRateLimiter<string> _limiter;

    public RegistrationRateLimiter(IOptions<IdentityProviderOptions> options)
    {
        _permitsPerMinute = options.Value.ClientRegistration.RegistrationsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }

    /// <returns>Null when the registration may proceed, otherwise the 429 answer.</returns>
    public IResult? TryAcquire(IPAddress? remoteAddress)
    {
        using var lease = _limiter.AttemptAcquire(remoteAddress?.ToString() ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new TooManyRegistrations(seconds, Results.Json(new Dictionary<string, string>
        {
            ["error"] = Error,
            ["error_description"] =
                $"Too many client registrations from this address: at most {_permitsPerMinute} per minute. Retry in {seconds} s.",
        }, statusCode: StatusCodes.Status429TooManyRequests));
    }

    public void Dispose() => _limiter.Dispose();

    private sealed class TooManyRegistrations(int retryAfterSeconds, IResult body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return body.ExecuteAsync(httpContext);
        }
    }
}
