namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>How the caller's tenant confines what the Prometheus tools see (<c>Tenancy:Mode</c>).</summary>
internal enum TenancyMode
{
    /// <summary>No confinement: every caller sees all of Prometheus (the default, today's behaviour).</summary>
    Off,

    /// <summary>A single Prometheus: every selector of every query and every <c>match[]</c> gets <c>{label="tenant"}</c>.</summary>
    Label,

    /// <summary>A multi-tenant backend (Mimir, Cortex, Thanos): the tenant is sent as <c>X-Scope-OrgID</c> on each call.</summary>
    OrgIdHeader,
}
