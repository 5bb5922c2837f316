namespace McpSecure.GatewayIdentity.Audit;

/// <summary>How a tool call ended, as the audit log, the span and the counter name it.</summary>
public static class ToolCallOutcomes
{
    /// <summary>The tool returned a result.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>The tool returned a result marked as an error (<c>isError</c>), e.g. a bad query.</summary>
    public const string ToolError = "tool_error";
    /// <summary>The server answered with an alternate result (a task it runs in the background, or a request for input).</summary>
    public const string Deferred = "deferred";
    /// <summary>The call was refused before the tool ran (rights, unknown tool, bad arguments): a JSON-RPC error.</summary>
    public const string Refused = "refused";
    /// <summary>The tool failed with an unexpected exception.</summary>
    public const string Failed = "failed";
    /// <summary>The caller went away (the request was cancelled).</summary>
    public const string Cancelled = "cancelled";
}
