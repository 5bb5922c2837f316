using System.Threading.RateLimiting;
using McpSecure.Identity.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace McpSecure.Identity.ClientRegistration;

/// <summary>
/// At most <c>Identity:ClientRegistration:RegistrationsPerMinute</c> registration requests per remote address and
/// minute (fixed window, no queue); the next one gets 429 with <c>Retry-After</c> and a JSON error saying why.
/// </summary>
public sealed class RegistrationRateLimitPolicy(IOptions<IdentityProviderOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "client-registration";
    public const string Error = "too_many_registrations";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.ClientRegistration.RegistrationsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        await response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["error"] = Error,
            ["error_description"] =
                $"Too many client registrations from this address: at most {options.Value.ClientRegistration.RegistrationsPerMinute} per minute. Retry in {seconds} s.",
        }, cancellationToken);
    }
}
