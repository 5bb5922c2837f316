using McpSecure.Gateway.Hosting;
using McpSecure.Gateway.Authorization;
using McpSecure.Gateway.Challenges;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Telemetry;
using McpSecure.GatewayIdentity.ToolAccess;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace McpSecure.Gateway.McpRequests;

/// <summary>
/// Before a POST to the MCP endpoint is proxied: reads its body (bounded), learns each message's method and tool,
/// refuses headers that disagree with the body (400, JSON-RPC error -32020), and refuses the whole request (403 <c>insufficient_scope</c>,
/// with every scope needed) when any <c>tools/call</c> in it is not allowed by <c>Gateway:ToolAccess</c>. The body is
/// then replayed to the proxy unchanged; responses pass untouched (SSE streams stay unbuffered).
/// </summary>
internal sealed class McpToolAccessMiddleware(
    RequestDelegate next,
    IOptions<GatewayOptions> gateway,
    ToolAccessPolicy policy,
    BearerChallengeResponder challenges,
    GatewayTelemetry telemetry,
    ILogger<McpToolAccessMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // The proxied route, however its path was spelled (routing also matches /MCP and /mcp/): never the raw path.
        if (!HttpMethods.IsPost(context.Request.Method) ||
            context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null ||
            context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var limit = gateway.Value.Limits.MaxRequestBodySize;
        ReadOnlyMemory<byte> body;
        bool tooLarge;
        try
        {
            (body, tooLarge) = await McpRequestBuffering.ReadAsync(context.Request, limit, context.RequestAborted);
        }
        catch (BadHttpRequestException exception)
        {
            // The client sent its body too slowly (Gateway:Limits:MinRequestBodyDataRate) or broke its framing: Kestrel
            // ends the connection; answer its status (408, 400) rather than fail the request with 500.
            await RejectAsync(context, new McpRequestRejection(McpRequestRejection.BodyUnreadable,
                $"The request body could not be read: {exception.Message}", exception.StatusCode));
            return;
        }
        if (tooLarge)
        {
            await RejectAsync(context, new McpRequestRejection(McpRequestRejection.BodyTooLarge,
                $"The request body exceeds {limit} bytes (Gateway:Limits:MaxRequestBodySize).",
                StatusCodes.Status413PayloadTooLarge));
            return;
        }

        var (messages, rejection) = McpRequestBody.Parse(body);
        telemetry.TagMcpRequest(messages.Select(message => message.Method),
            messages.Where(message => message.IsToolCall).Select(message => message.Name));
        rejection ??= McpHeaderConsistency.Check(context.Request.Headers, messages);
        if (rejection is not null)
        {
            await RejectAsync(context, rejection);
            return;
        }

        var refused = ToolCallRefusals(context, messages);
        if (refused.Count > 0)
        {
            await RefuseToolCallsAsync(context, refused);
            return;
        }

        context.Request.Body = new MemoryStream(body.ToArray(), writable: false);
        await next(context);
    }

    private List<ToolAccessDecision> ToolCallRefusals(HttpContext context, IReadOnlyList<McpMessage> messages)
    {
        if (policy.IsUnrestricted)
        {
            return [];
        }
        var scopes = GrantedScopes.Of(context.User);
        var roles = context.User.FindAll("role").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return messages.Where(message => message.IsToolCall)
            .Select(message => policy.Evaluate(message.Name!, scopes, roles))
            .Where(decision => !decision.IsAllowed)
            .ToList();
    }

    private Task RefuseToolCallsAsync(HttpContext context, List<ToolAccessDecision> refused)
    {
        var description = string.Join(' ', refused.Select(decision => decision.Describe()).Distinct());
        McpRequestLog.ToolRefused(logger, context.User.FindFirst("sub")?.Value, description);
        if (refused.All(decision => decision.CanStepUp))
        {
            // Every scope the request needs, plus the tool scopes the token already has, so that a client stepping up
            // keeps what it could already do.
            var granted = GrantedScopes.Of(context.User);
            var scopes = gateway.Value.RequiredScopes
                .Concat(granted.Where(policy.KnownScopes.Contains).Order(StringComparer.Ordinal))
                .Concat(refused.SelectMany(decision => decision.RequiredScopes))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            return challenges.WriteToolForbiddenAsync(context, description, scopes);
        }
        // A missing role, or no rule for the tool: asking for other scopes would not help, so the challenge offers none.
        return challenges.WriteToolForbiddenAsync(context, description, scopes: null);
    }

    private async Task RejectAsync(HttpContext context, McpRequestRejection rejection)
    {
        McpRequestLog.Refused(logger, rejection.Reason, rejection.Description);
        telemetry.RecordRefused(rejection.Reason, rejection.Status);
        if (rejection.IsJsonRpcError)
        {
            await JsonRpcErrorWriter.WriteAsync(context.Response, rejection.Status, rejection.IdJson,
                McpRequestRejection.HeaderMismatchCode, rejection.Description);
            return;
        }
        context.Response.StatusCode = rejection.Status;
        await context.Response.WriteAsJsonAsync(new OAuthErrorResponse(OAuthErrorCodes.InvalidRequest, rejection.Description), GatewayJsonContext.Default.OAuthErrorResponse);
    }
}
