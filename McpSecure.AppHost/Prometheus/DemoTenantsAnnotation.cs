namespace McpSecure.AppHost.Prometheus;

/// <summary>
/// On the Prometheus resource (<c>McpSecure:DemoTenants</c>): every scrape job gets a <c>tenant</c> label, so the demo's
/// own data is split between the realm's two tenants: Prometheus and the identity provider are <c>team-a</c> (alice),
/// the gateway and the MCP server <c>team-b</c> (bob).
/// </summary>
internal sealed class DemoTenantsAnnotation : IResourceAnnotation
{
    public static string For(string job) => job is AppModelNames.Resources.Prometheus or "identity" ? "team-a" : "team-b";
}
