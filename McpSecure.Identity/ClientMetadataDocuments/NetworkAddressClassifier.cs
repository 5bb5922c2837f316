using System.Net;
using System.Net.Sockets;

namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>
/// Classifies IP addresses (IANA special-purpose registries for IPv4 and IPv6) so that metadata documents are fetched
/// only from public addresses. IPv4-mapped and NAT64 (64:ff9b::/96) IPv6 addresses are judged by the IPv4 address they
/// carry; IPv6 is public only inside global unicast space (2000::/3) and outside its special blocks.
/// </summary>
internal static class NetworkAddressClassifier
{
    private static readonly (IPAddress Network, int PrefixLength, NetworkAddressKind Kind)[] IPv4Blocks =
    [
        (IPAddress.Parse("0.0.0.0"), 8, NetworkAddressKind.Unspecified),
        (IPAddress.Parse("10.0.0.0"), 8, NetworkAddressKind.Private),
        (IPAddress.Parse("100.64.0.0"), 10, NetworkAddressKind.Private),
        (IPAddress.Parse("127.0.0.0"), 8, NetworkAddressKind.Loopback),
        (IPAddress.Parse("169.254.0.0"), 16, NetworkAddressKind.LinkLocal),
        (IPAddress.Parse("172.16.0.0"), 12, NetworkAddressKind.Private),
        (IPAddress.Parse("192.0.0.0"), 24, NetworkAddressKind.Reserved),
        (IPAddress.Parse("192.0.2.0"), 24, NetworkAddressKind.Reserved),
        (IPAddress.Parse("192.88.99.0"), 24, NetworkAddressKind.Reserved),
        (IPAddress.Parse("192.168.0.0"), 16, NetworkAddressKind.Private),
        (IPAddress.Parse("198.18.0.0"), 15, NetworkAddressKind.Reserved),
        (IPAddress.Parse("198.51.100.0"), 24, NetworkAddressKind.Reserved),
        (IPAddress.Parse("203.0.113.0"), 24, NetworkAddressKind.Reserved),
        (IPAddress.Parse("224.0.0.0"), 4, NetworkAddressKind.Multicast),
        (IPAddress.Parse("255.255.255.255"), 32, NetworkAddressKind.Broadcast),
        (IPAddress.Parse("240.0.0.0"), 4, NetworkAddressKind.Reserved),
    ];

    private static readonly (IPAddress Network, int PrefixLength, NetworkAddressKind Kind)[] IPv6Blocks =
    [
        (IPAddress.Parse("::"), 128, NetworkAddressKind.Unspecified),
        (IPAddress.Parse("::1"), 128, NetworkAddressKind.Loopback),
        (IPAddress.Parse("64:ff9b:1::"), 48, NetworkAddressKind.Private),
        (IPAddress.Parse("100::"), 64, NetworkAddressKind.Reserved),
        (IPAddress.Parse("2001::"), 23, NetworkAddressKind.Reserved),
        (IPAddress.Parse("2001:db8::"), 32, NetworkAddressKind.Reserved),
        (IPAddress.Parse("2002::"), 16, NetworkAddressKind.Reserved),
        (IPAddress.Parse("3fff::"), 20, NetworkAddressKind.Reserved),
        (IPAddress.Parse("fc00::"), 7, NetworkAddressKind.Private),
        (IPAddress.Parse("fe80::"), 10, NetworkAddressKind.LinkLocal),
        (IPAddress.Parse("fec0::"), 10, NetworkAddressKind.Private),
        (IPAddress.Parse("ff00::"), 8, NetworkAddressKind.Multicast),
    ];

    private static readonly IPAddress Nat64WellKnownPrefix = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress GlobalUnicast = IPAddress.Parse("2000::");

    public static NetworkAddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(address, IPv4Blocks) ?? NetworkAddressKind.Public;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return NetworkAddressKind.Reserved;
        }

        if (IsInBlock(address, Nat64WellKnownPrefix, 96))
        {
            var bytes = address.GetAddressBytes();
            return Classify(new IPAddress(bytes.AsSpan(12, 4)));
        }

        return Match(address, IPv6Blocks)
            ?? (IsInBlock(address, GlobalUnicast, 3) ? NetworkAddressKind.Public : NetworkAddressKind.Reserved);
    }

    /// <summary>Whether a document may be fetched from <paramref name="address"/>: public, or loopback when allowed.</summary>
    public static bool MayFetchFrom(IPAddress address, bool allowLoopback) =>
        Classify(address) switch
        {
            NetworkAddressKind.Public => true,
            NetworkAddressKind.Loopback => allowLoopback,
            _ => false,
        };

    /// <summary>The kind for a message: "a private address", "a link-local address", ...</summary>
    public static string Describe(NetworkAddressKind kind) => kind switch
    {
        NetworkAddressKind.Public => "a public address",
        NetworkAddressKind.Loopback => "a loopback address",
        NetworkAddressKind.Private => "a private address",
        NetworkAddressKind.LinkLocal => "a link-local address",
        NetworkAddressKind.Unspecified => "an unspecified address",
        NetworkAddressKind.Multicast => "a multicast address",
        NetworkAddressKind.Broadcast => "the broadcast address",
        _ => "a reserved (non-public) address",
    };

    private static NetworkAddressKind? Match(IPAddress address, (IPAddress Network, int PrefixLength, NetworkAddressKind Kind)[] blocks)
    {
        foreach (var (network, prefixLength, kind) in blocks)
        {
            if (IsInBlock(address, network, prefixLength))
            {
                return kind;
            }
        }
        return null;
    }

    private static bool IsInBlock(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        Span<byte> candidate = stackalloc byte[16];
        Span<byte> block = stackalloc byte[16];
        address.TryWriteBytes(candidate, out var length);
        network.TryWriteBytes(block, out _);
        for (var bit = 0; bit < prefixLength && bit < length * 8; bit += 8)
        {
            var bits = Math.Min(8, prefixLength - bit);
            var mask = (byte)(0xFF << (8 - bits));
            if ((candidate[bit / 8] & mask) != (block[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
