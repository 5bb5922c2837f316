using System.Diagnostics.Metrics;

namespace McpSecure.Identity.UpstreamTokens;

/// <summary><c>mcpsecure.identity.token_exchanges</c>: token-exchange requests by outcome (<c>issued</c> or the OAuth error).</summary>
internal sealed class UpstreamTokenMetrics
{
    public const string MeterName = "McpSecure.Identity.UpstreamTokens";

    private readonly Counter<long> _exchanges;

    public UpstreamTokenMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _exchanges = meter.CreateCounter<long>("mcpsecure.identity.token_exchanges", unit: "{request}",
            description: "Token-exchange requests for upstream tokens, by outcome.");
    }

    public void Exchanged(string outcome) => _exchanges.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
