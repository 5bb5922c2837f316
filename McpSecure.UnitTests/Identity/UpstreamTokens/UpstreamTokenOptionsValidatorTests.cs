using McpSecure.Identity.UpstreamTokens;

namespace McpSecure.UnitTests.Identity.UpstreamTokens;

public sealed class UpstreamTokenOptionsValidatorTests
{
    private static IEnumerable<string> Failures(UpstreamTokenOptions options) =>
        new UpstreamTokenOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Off_by_default_needs_nothing() => Assert.Empty(Failures(new UpstreamTokenOptions()));

    [Fact]
    public void Keeping_tokens_needs_a_client_and_an_audience_named_by_full_key()
    {
        var failures = Failures(new UpstreamTokenOptions { Keep = true }).ToList();

        Assert.Contains(failures, f => f.StartsWith("Identity:Federation:UpstreamTokens:ExchangeClients must name at least one"));
        Assert.Contains(failures, f => f.StartsWith("Identity:Federation:UpstreamTokens:Audiences must name at least one"));
    }

    [Fact]
    public void Blank_entries_and_a_bad_refresh_margin_are_named()
    {
        var failures = Failures(new UpstreamTokenOptions
        {
            Keep = true,
            ExchangeClients = [" "],
            Audiences = ["two words"],
            RefreshBefore = TimeSpan.FromHours(2),
        }).ToList();

        Assert.Contains(failures, f => f.StartsWith("Identity:Federation:UpstreamTokens:ExchangeClients:0 "));
        Assert.Contains(failures, f => f.StartsWith("Identity:Federation:UpstreamTokens:Audiences:0 "));
        Assert.Contains(failures, f => f.StartsWith("Identity:Federation:UpstreamTokens:RefreshBefore "));
    }
}
