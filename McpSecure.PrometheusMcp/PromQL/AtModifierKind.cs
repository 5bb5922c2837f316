namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>What an <c>@</c> modifier refers to.</summary>
internal enum AtModifierKind
{
    Timestamp,
    Start,
    End,
}
