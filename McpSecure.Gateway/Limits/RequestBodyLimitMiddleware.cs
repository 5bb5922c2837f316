using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Limits;

/// <summary>
/// A body announced larger than <see cref="GatewayLimitsOptions.MaxRequestBodySize"/> gets 413 with a JSON error before
/// anything reads it. A chunked body is cut by the server at the same limit (set here on every request), and the
/// proxy then answers 413 as well (<see cref="Proxy.UpstreamErrorMiddleware"/>).
/// </summary>
internal sealed partial class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, ILogger<RequestBodyLimitMiddleware> logger)
{
    private readonly long _limit = options.Value.Limits.MaxRequestBodySize;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            LogBodyTooLarge(logger, context.Request.ContentLength.Value, _limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(OAuthErrorCodes.InvalidRequest,
                $"The request body ({context.Request.ContentLength} bytes) is larger than the gateway accepts ({_limit} bytes, Gateway:Limits:MaxRequestBodySize)."), GatewayJsonContext.Default.OAuthErrorResponse);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = _limit;
        }
        await next(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a request body of {Length} bytes (limit {Limit}).")]
    private static partial void LogBodyTooLarge(ILogger logger, long length, long limit);
}
