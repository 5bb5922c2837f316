using McpSecure.Gateway.Hosting;
namespace McpSecure.Gateway.Challenges;

/// <summary>
/// 503 <c>temporarily_unavailable</c> with <c>Retry-After</c>: the provider cannot be reached. Not a 401, which
/// would make a client throw away a token that may be perfectly good.
/// </summary>
internal static class ProviderUnavailableResult
{
    public const string RetryAfterSeconds = "10";

    public static IResult Create(HttpContext context, string description)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Results.Json(new OAuthErrorResponse(OAuthErrorCodes.TemporarilyUnavailable, description), GatewayJsonContext.Default.OAuthErrorResponse,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
