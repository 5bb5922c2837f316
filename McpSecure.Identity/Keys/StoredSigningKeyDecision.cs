namespace McpSecure.Identity.Keys;

/// <summary>What <see cref="StoredSigningKeyRotation"/> decided: the key set, and what it generated or activated (null when nothing).</summary>
internal sealed record StoredSigningKeyDecision(
    StoredServerKey Active,
    StoredServerKey Next,
    StoredServerKey? Previous,
    StoredServerKey? GeneratedFirst,
    StoredServerKey? Promoted,
    StoredServerKey? GeneratedNext);
