using System.Net;
using McpSecure.Identity.ClientMetadataDocuments;

namespace McpSecure.UnitTests.Identity.ClientMetadataDocuments;

public sealed class NetworkAddressClassifierTests
{
    [Theory]
    [InlineData("93.184.215.14", nameof(NetworkAddressKind.Public))]
    [InlineData("8.8.8.8", nameof(NetworkAddressKind.Public))]
    [InlineData("2606:4700:4700::1111", nameof(NetworkAddressKind.Public))]
    [InlineData("127.0.0.1", nameof(NetworkAddressKind.Loopback))]
    [InlineData("127.255.0.9", nameof(NetworkAddressKind.Loopback))]
    [InlineData("::1", nameof(NetworkAddressKind.Loopback))]
    [InlineData("::ffff:127.0.0.1", nameof(NetworkAddressKind.Loopback))]
    [InlineData("10.1.2.3", nameof(NetworkAddressKind.Private))]
    [InlineData("172.16.0.1", nameof(NetworkAddressKind.Private))]
    [InlineData("172.31.255.255", nameof(NetworkAddressKind.Private))]
    [InlineData("172.32.0.1", nameof(NetworkAddressKind.Public))]
    [InlineData("192.168.1.1", nameof(NetworkAddressKind.Private))]
    [InlineData("100.64.0.1", nameof(NetworkAddressKind.Private))]
    [InlineData("::ffff:10.0.0.1", nameof(NetworkAddressKind.Private))]
    [InlineData("64:ff9b::a00:1", nameof(NetworkAddressKind.Private))] // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::808:808", nameof(NetworkAddressKind.Public))] // NAT64 of 8.8.8.8
    [InlineData("fd00::1", nameof(NetworkAddressKind.Private))]
    [InlineData("fec0::1", nameof(NetworkAddressKind.Private))]
    [InlineData("169.254.169.254", nameof(NetworkAddressKind.LinkLocal))] // cloud metadata service
    [InlineData("fe80::1", nameof(NetworkAddressKind.LinkLocal))]
    [InlineData("::ffff:169.254.169.254", nameof(NetworkAddressKind.LinkLocal))]
    [InlineData("0.0.0.0", nameof(NetworkAddressKind.Unspecified))]
    [InlineData("::", nameof(NetworkAddressKind.Unspecified))]
    [InlineData("224.0.0.1", nameof(NetworkAddressKind.Multicast))]
    [InlineData("ff02::1", nameof(NetworkAddressKind.Multicast))]
    [InlineData("255.255.255.255", nameof(NetworkAddressKind.Broadcast))]
    [InlineData("192.0.2.1", nameof(NetworkAddressKind.Reserved))]
    [InlineData("198.18.0.1", nameof(NetworkAddressKind.Reserved))]
    [InlineData("240.0.0.1", nameof(NetworkAddressKind.Reserved))]
    [InlineData("2001:db8::1", nameof(NetworkAddressKind.Reserved))]
    [InlineData("2002:a00:1::1", nameof(NetworkAddressKind.Reserved))] // 6to4 around 10.0.0.1
    [InlineData("2001::1", nameof(NetworkAddressKind.Reserved))] // Teredo
    [InlineData("100::1", nameof(NetworkAddressKind.Reserved))]
    [InlineData("4000::1", nameof(NetworkAddressKind.Reserved))] // outside global unicast
    public void Addresses_are_classified_by_the_special_purpose_registries(string address, string expected)
    {
        Assert.Equal(expected, NetworkAddressClassifier.Classify(IPAddress.Parse(address)).ToString());
    }

    [Theory]
    [InlineData("8.8.8.8", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("10.0.0.1", true, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("fd00::1", true, false)]
    public void Only_public_addresses_may_be_fetched_from_and_loopback_only_when_allowed(string address, bool allowLoopback, bool expected)
    {
        Assert.Equal(expected, NetworkAddressClassifier.MayFetchFrom(IPAddress.Parse(address), allowLoopback));
    }
}
