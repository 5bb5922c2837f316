namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>One token of a PromQL query: its kind, its text as written (strings unquoted) and where it starts.</summary>
internal readonly record struct PromQlToken(PromQlTokenKind Kind, string Text, int Position);
