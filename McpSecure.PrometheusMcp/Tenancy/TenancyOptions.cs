namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>Data per tenant. Section <c>Tenancy</c>; validated at start-up by <see cref="TenancyOptionsValidator"/>.</summary>
internal sealed class TenancyOptions
{
    public const string SectionName = "Tenancy";

    public TenancyMode Mode { get; set; } = TenancyMode.Off;

    /// <summary>
    /// The claim of the forwarded identity that names the caller's tenant: one of the claims the gateway forwards
    /// (<c>tenant</c> by default, or <c>groups</c>). A caller without it gets no data while tenancy is on; a caller with
    /// several values is refused too (one tenant per call).
    /// </summary>
    public string Claim { get; set; } = "tenant";

    /// <summary>The series label that holds the tenant in <see cref="TenancyMode.Label"/> mode.</summary>
    public string Label { get; set; } = "tenant";

    /// <summary>
    /// Tools that read across tenants and are therefore never offered to a tenant-scoped caller: the admin tools, and
    /// (they show other tenants' targets, rules and alerts) the status tools. Patterns end in <c>*</c>.
    /// </summary>
    public List<string> HiddenTools { get; set; } =
        ["get_tsdb_status", "get_config", "get_flags", "get_targets", "get_rules", "get_alerts"];
}
