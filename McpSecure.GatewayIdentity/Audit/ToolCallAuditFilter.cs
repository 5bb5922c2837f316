using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecure.GatewayIdentity.Audit;

/// <summary>
/// Wraps every <c>tools/call</c>: one audit log entry, one span and one count per call, with the caller the gateway
/// forwarded (<see cref="GatewayCaller"/>), the tool, its arguments with secrets removed (<see cref="ToolArgumentRedactor"/>),
/// the outcome and the duration. It runs in the SDK's outermost call-tool pipeline (the alternate-result one, before
/// task dispatch), ahead of the authorization filter, so the calls that filters refuse are audited too.
/// </summary>
#pragma warning disable MCPEXP002 // ResultOrAlternate: the one pipeline that wraps the SDK's own authorization filter.
internal sealed class ToolCallAuditFilter(ToolCallAuditTelemetry telemetry, ILoggerFactory loggerFactory, TimeProvider time)
{
    /// <summary>The user and subject recorded for a call that carried no verified identity.</summary>
    public const string Anonymous = "anonymous";

    private readonly ILogger _logger = loggerFactory.CreateLogger(ToolCallAuditLog.Category);

    public async ValueTask<ResultOrAlternate<CallToolResult>> InvokeAsync(RequestContext<CallToolRequestParams> context,
        McpRequestHandler<CallToolRequestParams, ResultOrAlternate<CallToolResult>> next, CancellationToken cancellationToken)
    {
        var caller = GatewayCaller.From(context.User);
        var subject = caller?.Subject ?? Anonymous;
        var user = caller?.Username ?? caller?.Name ?? subject;
        var clientId = caller?.ClientId ?? "-";
        var tool = context.Params?.Name ?? "";

        var started = time.GetTimestamp();
        using var activity = telemetry.StartCall(tool, subject, caller?.ClientId);
        var outcome = ToolCallOutcomes.Failed;
        string? error = null;
        try
        {
            var result = await next(context, cancellationToken);
            outcome = result.IsAlternate ? ToolCallOutcomes.Deferred
                : result.Result?.IsError == true ? ToolCallOutcomes.ToolError
                : ToolCallOutcomes.Succeeded;
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = ToolCallOutcomes.Cancelled;
            throw;
        }
        catch (McpException exception)
        {
            outcome = ToolCallOutcomes.Refused;
            error = ToolArgumentRedactor.RedactValue(exception.Message);
            throw;
        }
        catch (Exception exception)
        {
            outcome = ToolCallOutcomes.Failed;
            // The type only: an exception's message may quote what the tool was given.
            error = exception.GetType().Name;
            throw;
        }
        finally
        {
            var duration = time.GetElapsedTime(started);
            telemetry.RecordCall(activity, tool, subject, user, outcome, duration);
            var arguments = ToolArgumentRedactor.Redact(context.Params?.Arguments);
            var milliseconds = Math.Round(duration.TotalMilliseconds, 1);
            if (error is null)
            {
                ToolCallAuditLog.Completed(_logger, tool, user, subject, clientId, outcome, milliseconds, arguments);
            }
            else
            {
                ToolCallAuditLog.Failed(_logger, tool, user, subject, clientId, outcome, milliseconds, arguments, error);
            }
        }
    }
}
#pragma warning restore MCPEXP002
