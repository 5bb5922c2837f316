namespace McpSecure.Gateway.McpRequests;

/// <summary>Why a POST body or its headers cannot be checked, answered with HTTP 400 (or 413) and this description.</summary>
/// <param name="Reason">A short reason for metrics (<c>malformed_body</c>, <c>header_mismatch</c>, <c>body_too_large</c>, <c>body_unreadable</c>).</param>
/// <param name="Description">What is wrong, naming the field or header.</param>
internal sealed record McpRequestRejection(string Reason, string Description, int Status = StatusCodes.Status400BadRequest)
{
    public const string MalformedBody = "malformed_body";
    public const string HeaderMismatch = "header_mismatch";
    public const string BodyTooLarge = "body_too_large";
    public const string BodyUnreadable = "body_unreadable";

    public static McpRequestRejection Malformed(string description) => new(MalformedBody, description);

    public static McpRequestRejection Mismatch(string description) => new(HeaderMismatch, description);
}
