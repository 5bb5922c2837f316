namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>
/// What tenancy means for the current call: <see cref="Enforced"/> false when tenancy is off; otherwise the caller's
/// <see cref="Tenant"/>, or null with <see cref="Refusal"/> saying why the caller may see nothing.
/// </summary>
internal sealed record CallerTenant(TenancyMode Mode, string Label, string? Tenant, string? Refusal)
{
    public static readonly CallerTenant Unconfined = new(TenancyMode.Off, "", null, null);

    public bool Enforced => Mode != TenancyMode.Off;

    /// <summary>The tenant, or a <see cref="TenantViolationException"/> for a caller who may see nothing.</summary>
    public string RequireTenant() => Tenant ?? throw new TenantViolationException(Refusal ?? "No tenant.");

    public TenantQueryRewriter Rewriter() => new(Label, RequireTenant());
}
