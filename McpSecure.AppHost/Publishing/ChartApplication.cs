namespace McpSecure.AppHost.Publishing;

/// <summary>What the chart deploys, read from the app model.</summary>
/// <param name="Workloads">The gateway first, then the MCP server when the app runs one.</param>
/// <param name="Secrets">The secret parameters the workloads use, each one Secret.</param>
/// <param name="ExternalServices">Services the app references but the chart does not run (their URLs are values).</param>
/// <param name="UpstreamUrl">The MCP endpoint of a server outside the chart (<c>--server external</c> with a URL), else null.</param>
/// <param name="Notes">What the app model has that the chart does not carry, and why (reported by the publish step).</param>
/// <param name="DemoProviders">The identity providers the chart can run for a demo cluster (values switches, off by default).</param>
/// <param name="Redis">The app model's Redis for the gateway's shared per-user limit (<c>McpSecure:Redis</c>), else null.</param>
internal sealed record ChartApplication(
    IReadOnlyList<ChartWorkload> Workloads,
    IReadOnlyList<ChartSecret> Secrets,
    IReadOnlyList<string> ExternalServices,
    string? UpstreamUrl,
    IReadOnlyList<string> Notes,
    IReadOnlyList<DemoIdentityProvider> DemoProviders,
    Redis.ChartRedis? Redis = null)
{
    public ChartWorkload Gateway => Workloads.Single(w => w.IsPublic);

    /// <summary>The workloads only the gateway may reach.</summary>
    public IEnumerable<ChartWorkload> Internal => Workloads.Where(w => !w.IsPublic);

    /// <summary>Every Secret the chart may make: the app model's, and the demo Keycloak's admin password.</summary>
    public IEnumerable<ChartSecret> AllSecrets => DemoProviders.Any(d => d.IsKeycloak) ? Secrets.Append(DemoIdentityProvider.KeycloakAdminPassword) : Secrets;
}
