namespace McpSecure.Gateway.McpRequests;

/// <summary>The 2026-07-28 streamable HTTP headers that mirror a request body's routing fields (SEP-2243).</summary>
internal static class McpRequestHeaders
{
    /// <summary>Mirrors the body's <c>method</c>.</summary>
    public const string Method = "Mcp-Method";
    /// <summary>Mirrors <c>params.name</c> (tools/call, prompts/get) or <c>params.uri</c> (resources/read).</summary>
    public const string Name = "Mcp-Name";

    private const string Base64Prefix = "=?base64?";
    private const string Base64Suffix = "?=";

    /// <summary>
    /// A mirrored header's value: as sent, or decoded when wrapped as <c>=?base64?…?=</c> (how non-ASCII values travel).
    /// Null when it is neither printable ASCII nor valid wrapped Base64 of UTF-8.
    /// </summary>
    public static string? Decode(string value)
    {
        value = value.Trim();
        if (value.StartsWith(Base64Prefix, StringComparison.Ordinal) && value.EndsWith(Base64Suffix, StringComparison.Ordinal) &&
            value.Length >= Base64Prefix.Length + Base64Suffix.Length)
        {
            var encoded = value[Base64Prefix.Length..^Base64Suffix.Length];
            var bytes = new byte[encoded.Length];
            if (!Convert.TryFromBase64String(encoded, bytes, out var written))
            {
                return null;
            }
            try
            {
                return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
            }
            catch (System.Text.DecoderFallbackException)
            {
                return null;
            }
        }
        return value.All(c => c is >= ' ' and <= '~' or '\t') ? value : null;
    }
}
