using System.Text;

namespace McpSecure.Gateway.Challenges;

/// <summary>
/// Builds the <c>WWW-Authenticate: Bearer …</c> challenges of RFC 6750 §3 with the RFC 9728
/// <c>resource_metadata</c> parameter that MCP clients follow to discover the authorization server.
/// </summary>
internal static class BearerChallenge
{
    private const string Scheme = "Bearer ";

    public static string Build(Uri resourceMetadata, string? error = null, string? description = null, IEnumerable<string>? scopes = null)
    {
        var header = new StringBuilder(Scheme);
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
        if (header.Length > Scheme.Length)
        {
            header.Append(", ");
        }
        // RFC 6750 restricts error_description to %x20-21 / %x23-5B / %x5D-7E: drop what it forbids
        // rather than escape it, so that no client has to parse quoted-pair escapes.
        var safe = new string(value.Where(c => c is >= ' ' and <= '~' and not '"' and not '\\').ToArray());
        header.Append(name).Append("=\"").Append(safe).Append('"');
    }
}
