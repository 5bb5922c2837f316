using System.Text.RegularExpressions;
using McpSecure.GatewayIdentity;

namespace McpSecure.PrometheusMcp.Tenancy;

/// <summary>Checks <see cref="TenancyOptions"/> at start-up; each message names the full key.</summary>
internal sealed partial class TenancyOptionsValidator(IOptions<PrometheusOptions> prometheus) : IValidateOptions<TenancyOptions>
{
    private const string S = TenancyOptions.SectionName;

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    public ValidateOptionsResult Validate(string? name, TenancyOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{S}:Mode = {options.Mode} is not a mode: use Off, Label or OrgIdHeader.");
        }
        if (!GatewayIdentityClaimTypes.Forwarded.Contains(options.Claim))
        {
            errors.Add($"{S}:Claim = '{options.Claim}' is not a claim the gateway forwards: use one of {string.Join(", ", GatewayIdentityClaimTypes.Forwarded)}.");
        }
        if (string.IsNullOrEmpty(options.Label) || !LabelName().IsMatch(options.Label) || options.Label.StartsWith("__", StringComparison.Ordinal))
        {
            errors.Add($"{S}:Label = '{options.Label}' is not a label name: use letters, digits and _ (not starting with a digit or __), e.g. tenant.");
        }
        if (options.HiddenTools.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{S}:HiddenTools has an empty entry.");
        }
        if (options.Mode == TenancyMode.OrgIdHeader && !string.IsNullOrEmpty(prometheus.Value.TenantId))
        {
            errors.Add($"{S}:Mode = OrgIdHeader sends each caller's tenant as X-Scope-OrgID: remove the fixed {PrometheusOptions.SectionName}:TenantId.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
