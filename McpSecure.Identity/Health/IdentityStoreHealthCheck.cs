using McpSecure.Identity.Data;
using McpSecure.Identity.Seeding;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSecure.Identity.Health;

/// <summary>Readiness (<c>/health</c>): healthy only once the realm is seeded and the database answers.</summary>
internal sealed class IdentityStoreHealthCheck(SeedingStatus status, IdentityStoreDbContext database) : IHealthCheck
{
    public const string Name = "identity-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsCompleted)
        {
            return HealthCheckResult.Unhealthy("The realm has not been seeded yet.");
        }

        return await database.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Database ready and realm seeded.")
            : HealthCheckResult.Unhealthy("The identity database is not reachable.");
    }
}
