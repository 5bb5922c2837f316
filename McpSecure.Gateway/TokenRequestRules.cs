using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace McpSecure.Gateway;

/// <summary>
/// How a token may arrive: only in one <c>Authorization: Bearer</c> header (RFC 6750 §2.1). A token in the
/// query string leaks into logs and history; two Authorization headers are ambiguous. Both are refused with
/// <c>400 invalid_request</c> before any validation.
/// </summary>
public static class TokenRequestRules
{
    public static Task RejectUnsafeTokenTransport(MessageReceivedContext context)
    {
        var request = context.Request;
        if (request.Query.ContainsKey("access_token"))
        {
            context.Fail(new InvalidTokenRequestException(
                "Access tokens in the query string are not accepted (RFC 6750 §2.3): send an 'Authorization: Bearer' header."));
        }
        else if (request.Headers.Authorization.Count > 1)
        {
            context.Fail(new InvalidTokenRequestException("The request has more than one Authorization header: send exactly one."));
        }
        return Task.CompletedTask;
    }
}

/// <summary>A request whose way of carrying the token breaks RFC 6750; answered with 400 <c>invalid_request</c>.</summary>
public sealed class InvalidTokenRequestException(string message) : Exception(message);
