using System.Diagnostics.Metrics;

namespace McpSecure.Identity.Federation;

/// <summary><c>mcpsecure.identity.federation.sign_ins</c>: upstream sign-ins by outcome (<c>succeeded</c>, <c>upstream_error</c>, <c>unmappable</c>, <c>refused</c>).</summary>
internal sealed class FederationMetrics
{
    public const string MeterName = "McpSecure.Identity.Federation";

    private readonly Counter<long> _signIns;

    public FederationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _signIns = meter.CreateCounter<long>("mcpsecure.identity.federation.sign_ins", unit: "{sign_in}",
            description: "Sign-ins through the upstream provider, by outcome.");
    }

    public void SignIn(string outcome) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
