using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Challenges;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using McpSecure.Gateway.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// Turns YARP's bare status codes for an unreachable MCP server into answers a client can act on: a JSON body naming
/// the problem (never an exception or an address) and <c>Retry-After</c>. 503 while the server is known to be down
/// (answered at once), 502 for the request that found it down (no answer within the time limit, connection refused).
/// </summary>
internal sealed partial class UpstreamErrorMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, UpstreamTelemetry telemetry,
    ILogger<UpstreamErrorMiddleware> logger)
{
    private readonly UpstreamOptions _upstream = options.Value.Upstream;

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested ||
            context.Features.Get<IForwarderErrorFeature>() is not { } error)
        {
            return;
        }

        var (status, reason, description) = Describe(error);
        if (reason is null)
        {
            return;
        }
        LogUpstreamFailure(logger, reason, error.Error, status, error.Exception?.GetType().Name ?? "none");
        telemetry.RecordFailure(reason);

        context.Response.StatusCode = status;
        if (status >= 500)
        {
            context.Response.Headers.RetryAfter = _upstream.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(
            status >= 500 ? OAuthErrorCodes.TemporarilyUnavailable : OAuthErrorCodes.InvalidRequest, description), GatewayJsonContext.Default.OAuthErrorResponse);
    }

    private (int Status, string? Reason, string Description) Describe(IForwarderErrorFeature error)
    {
        var retry = $"retry in {_upstream.RetryAfterSeconds} s.";
        if (error.Error == ForwarderError.RequestBodyClient &&
            Find<BadHttpRequestException>(error.Exception) is { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return (StatusCodes.Status413PayloadTooLarge, "body_too_large", "The request body is larger than the gateway accepts.");
        }
        if (error.Error is ForwarderError.RequestTimedOut ||
            (error.Error is ForwarderError.Request or ForwarderError.RequestBodyDestination && Find<UpstreamTimeoutException>(error.Exception) is not null))
        {
            return (StatusCodes.Status502BadGateway, "timeout", $"The MCP server did not answer within {_upstream.ResponseHeadersTimeout.TotalSeconds:0.#} s; {retry}");
        }
        return error.Error switch
        {
            ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "unavailable",
                $"The MCP server is unavailable (its last request failed or its health check fails); {retry}"),
            ForwarderError.Request or ForwarderError.RequestCreation or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination =>
                (StatusCodes.Status502BadGateway, "unreachable", $"The MCP server could not be reached; {retry}"),
            ForwarderError.ResponseHeaders => (StatusCodes.Status502BadGateway, "bad_response",
                $"The MCP server sent a response the gateway could not read; {retry}"),
            _ => (0, null, ""),
        };
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).OfType<T>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MCP server failure ({Reason}, {ForwarderError}): answered {Status} (cause: {ExceptionType}).")]
    private static partial void LogUpstreamFailure(ILogger logger, string reason, ForwarderError forwarderError, int status, string exceptionType);
}
