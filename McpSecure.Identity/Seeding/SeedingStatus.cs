namespace McpSecure.Identity.Seeding;

/// <summary>Set once the database exists and the realm has been seeded; read by the readiness health check.</summary>
internal sealed class SeedingStatus
{
    private volatile bool _isCompleted;

    public bool IsCompleted => _isCompleted;

    public void MarkCompleted() => _isCompleted = true;
}
