namespace McpSecure.Gateway.McpRequests;

/// <summary>
/// Why a POST body or its headers cannot be checked, answered with HTTP 400 (or 413) and this description: an OAuth-style
/// JSON error, except for a header mismatch, which MCP 2026-07-28 answers with HTTP 400 and the JSON-RPC error
/// <see cref="HeaderMismatchCode"/> (-32020) carrying the request's id (<see cref="IdJson"/>).
/// </summary>
/// <param name="Reason">A short reason for metrics (<c>malformed_body</c>, <c>header_mismatch</c>, <c>body_too_large</c>, <c>body_unreadable</c>).</param>
/// <param name="Description">What is wrong, naming the field or header.</param>
internal sealed record McpRequestRejection(string Reason, string Description, int Status = StatusCodes.Status400BadRequest)
{
    public const string MalformedBody = "malformed_body";
    public const string HeaderMismatch = "header_mismatch";
    public const string BodyTooLarge = "body_too_large";
    public const string BodyUnreadable = "body_unreadable";

    /// <summary>The JSON-RPC error code of MCP 2026-07-28 for headers that disagree with the body (HeaderMismatch).</summary>
    public const int HeaderMismatchCode = -32020;

    /// <summary>The id of the message the headers describe (raw JSON), null for a batch or a notification.</summary>
    public string? IdJson { get; init; }

    public bool IsJsonRpcError => Reason == HeaderMismatch;

    public static McpRequestRejection Malformed(string description) => new(MalformedBody, description);

    public static McpRequestRejection Mismatch(string description, string? idJson = null) => new(HeaderMismatch, description) { IdJson = idJson };
}
