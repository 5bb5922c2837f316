namespace McpSecure.PrometheusMcp.Results;

/// <summary>The structuredContent of <c>get_flags</c>.</summary>
internal sealed record FlagsResult(int Total, IReadOnlyDictionary<string, string> Flags);
