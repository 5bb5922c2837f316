namespace McpSecure.Identity.UpstreamTokens;

/// <summary>
/// A row of the <c>UpstreamTokens</c> table (PostgreSQL storage): one user's upstream tokens, sealed by
/// <see cref="UpstreamTokenSealing"/>. <see cref="Version"/> grows with every write, so a conditional replacement
/// lands only on the version it read.
/// </summary>
internal sealed class KeptUpstreamToken
{
    /// <summary>The SHA-256 of the local subject, in hex (<see cref="UpstreamTokenSealing.KeyOf"/>).</summary>
    public required string SubjectHash { get; set; }

    public required byte[] Payload { get; set; }

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
