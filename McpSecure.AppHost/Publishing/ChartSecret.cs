namespace McpSecure.AppHost.Publishing;

/// <summary>A secret parameter of the app model, as one Secret of the chart (shared by every workload that uses it).</summary>
/// <param name="Name">The parameter's name (<c>gateway-identity-key</c>): the Secret is <c>&lt;release&gt;-&lt;name&gt;</c>, key <c>value</c>.</param>
/// <param name="GeneratedLength">
/// The parameter has a generated default: the chart generates a value of this length at install (and keeps it on
/// upgrade) when none is given. Null: the value is required.
/// </param>
internal sealed record ChartSecret(string Name, int? GeneratedLength)
{
    public string ValuesKey => HelmNames.ValuesKey(Name);
}
