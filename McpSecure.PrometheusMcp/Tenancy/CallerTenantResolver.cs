using McpSecure.GatewayIdentity;

namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>Reads the caller's tenant from the verified forwarded identity of the current HTTP request (the MCP call).</summary>
internal sealed class CallerTenantResolver(IHttpContextAccessor http, IOptions<TenancyOptions> options)
{
    public CallerTenant Resolve()
    {
        var settings = options.Value;
        if (settings.Mode == TenancyMode.Off)
        {
            return CallerTenant.Unconfined;
        }
        var user = http.HttpContext?.User;
        var identity = user?.Identities.FirstOrDefault(i =>
            i is { IsAuthenticated: true, AuthenticationType: GatewayIdentityDefaults.AuthenticationScheme });
        var values = identity?.FindAll(settings.Claim).Select(c => c.Value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList() ?? [];
        return values.Count switch
        {
            1 => new CallerTenant(settings.Mode, settings.Label, values[0], null),
            0 => new CallerTenant(settings.Mode, settings.Label, null,
                identity is null
                    ? "Tenancy is on and this call carries no verified identity: sign in through the gateway."
                    : $"Tenancy is on and your identity has no '{settings.Claim}' claim, so there is no data you may see: ask an administrator to assign you a tenant."),
            _ => new CallerTenant(settings.Mode, settings.Label, null,
                $"Your identity names {values.Count} tenants in its '{settings.Claim}' claim; a call reads one tenant: ask an administrator to assign exactly one."),
        };
    }

    /// <summary>Whether a tool is hidden from the current caller: tenancy is on and the tool reads across tenants.</summary>
    public bool Hides(string tool)
    {
        var settings = options.Value;
        return settings.Mode != TenancyMode.Off && settings.HiddenTools.Any(pattern =>
            pattern.EndsWith('*') ? tool.StartsWith(pattern[..^1], StringComparison.Ordinal) : pattern == tool);
    }
}
