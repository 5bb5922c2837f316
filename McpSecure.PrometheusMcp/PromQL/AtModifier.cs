namespace McpSecure.PrometheusMcp.PromQL;

/// <summary>The <c>@</c> modifier: a fixed time (milliseconds since the epoch), or <c>start()</c> / <c>end()</c> of the query.</summary>
internal sealed record AtModifier(AtModifierKind Kind, long TimestampMilliseconds = 0);
