using System.Text;

namespace McpSecure.Gateway;

/// <summary>
/// Builds the <c>WWW-Authenticate: Bearer …</c> challenges of RFC 6750 §3 with the RFC 9728
/// <c>resource_metadata</c> parameter that MCP clients follow to discover the authorization server.
/// </summary>
public static class BearerChallenge
{
    /// <summary>RFC 6750 error codes.</summary>
    public static class Errors
    {
        public const string InvalidRequest = "invalid_request";
        public const string InvalidToken = "invalid_token";
        public const string InsufficientScope = "insufficient_scope";
    }

    public static string Build(Uri resourceMetadata, string? error = null, string? description = null, IEnumerable<string>? scopes = null)
    {
        var header = new StringBuilder("Bearer ");
        Append(header, "resource_metadata", resourceMetadata.AbsoluteUri);
        if (error is not null)
        {
            Append(header, "error", error);
        }
        if (description is not null)
        {
            Append(header, "error_description", description);
        }
        if (scopes?.ToArray() is { Length: > 0 } scopeList)
        {
            Append(header, "scope", string.Join(' ', scopeList));
        }
        return header.ToString();
    }

    private static void Append(StringBuilder header, string name, string value)
    {
        if (header.Length > "Bearer ".Length)
        {
            header.Append(", ");
        }
        // RFC 6750 restricts error_description to %x20-21 / %x23-5B / %x5D-7E: drop what it forbids
        // rather than escape it, so that no client has to parse quoted-pair escapes.
        var safe = new string(value.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').ToArray());
        header.Append(name).Append("=\"").Append(safe).Append('"');
    }
}
