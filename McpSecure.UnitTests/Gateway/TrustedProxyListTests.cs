using System.Net;
using McpSecure.Gateway.Network;
using Microsoft.AspNetCore.Builder;

namespace McpSecure.UnitTests.Gateway;

public sealed class TrustedProxyListTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.0/8")]
    [InlineData("fd00::/8")]
    public void Addresses_and_cidr_ranges_are_accepted(string entry)
    {
        Assert.Null(TrustedProxyList.Reject(entry));
    }

    [Fact]
    public void Only_the_configured_proxies_are_trusted_not_the_loopback_default()
    {
        var forwarded = new ForwardedHeadersOptions();
        Assert.True(forwarded.KnownProxies.Count + forwarded.KnownIPNetworks.Count > 0);

        TrustedProxyList.Apply(forwarded, ["192.0.2.10", "198.51.100.0/24"]);

        Assert.Equal([IPAddress.Parse("192.0.2.10")], forwarded.KnownProxies);
        var network = Assert.Single(forwarded.KnownIPNetworks);
        Assert.True(network.Contains(IPAddress.Parse("198.51.100.77")));
        Assert.False(network.Contains(IPAddress.Parse("198.51.101.1")));
    }

    [Fact]
    public void No_entries_trust_nobody()
    {
        var forwarded = new ForwardedHeadersOptions();

        TrustedProxyList.Apply(forwarded, []);

        Assert.Empty(forwarded.KnownProxies);
        Assert.Empty(forwarded.KnownIPNetworks);
    }
}
