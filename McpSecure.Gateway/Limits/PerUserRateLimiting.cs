using McpSecure.Gateway.Hosting;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Limits.Shared;
using McpSecure.Gateway.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits;

/// <summary>
/// The per-user request rate on the MCP route: partitioned by the token's subject (after authentication, so every
/// request here has one), in memory per replica, or shared by the replicas through Redis when
/// <see cref="PerUserRateLimitOptions.Redis"/> is set (<see cref="SharedUserRateLimiter"/>). Over the limit: 429 <c>rate_limit_exceeded</c> with <c>Retry-After</c>.
/// </summary>
internal static partial class PerUserRateLimiting
{
    public const string PolicyName = "mcp-per-user";
    public const string RateLimitExceeded = "rate_limit_exceeded";

    public static void Configure(RateLimiterOptions limiter, PerUserRateLimitOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        var shared = SharesCounts(options);
        limiter.AddPolicy(PolicyName, context => options.PermitLimit == 0
            ? RateLimitPartition.GetNoLimiter("unlimited")
            : shared
            ? context.RequestServices.GetRequiredService<SharedUserRateLimiters>().Partition(PartitionKey(context.User))
            : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context.User), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.PermitLimit,
                Window = options.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        limiter.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected, options, cancellationToken);
    }

    /// <summary>Whether the replicas share the count: a limit, and Redis to keep it in.</summary>
    public static bool SharesCounts(PerUserRateLimitOptions options) => options.PermitLimit > 0 && !string.IsNullOrWhiteSpace(options.Redis);

    /// <summary>The subject (or, for tokens without one, the client); never the address.</summary>
    public static string PartitionKey(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { Length: > 0 } subject ? "sub:" + subject
        : user.FindFirstValue("client_id") is { Length: > 0 } client ? "client:" + client
        : "anonymous";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, PerUserRateLimitOptions options, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)Math.Ceiling(options.Window.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<GatewayTelemetry>().RecordRefused("rate_limited", StatusCodes.Status429TooManyRequests);
        LogRateLimited(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PerUserRateLimiting)), options.PermitLimit, options.Window);
        await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(RateLimitExceeded,
            $"Too many requests for this user: at most {options.PermitLimit} per {options.Window.TotalSeconds:0.#} s; retry in {seconds} s."), GatewayJsonContext.Default.OAuthErrorResponse, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A user exceeded {PermitLimit} MCP requests per {Window}; answered 429.")]
    private static partial void LogRateLimited(ILogger logger, int permitLimit, TimeSpan window);
}
