namespace McpSecure.Identity.ClientMetadataDocuments;

/// <summary>What an IP address is, for deciding whether a metadata document may be fetched from it.</summary>
internal enum NetworkAddressKind
{
    /// <summary>A globally routable unicast address: documents may be fetched from it.</summary>
    Public,
    Loopback,
    /// <summary>RFC 1918, RFC 6598 shared (CGNAT), IPv6 unique-local and site-local, local-use NAT64.</summary>
    Private,
    LinkLocal,
    /// <summary>0.0.0.0/8, ::.</summary>
    Unspecified,
    Multicast,
    Broadcast,
    /// <summary>Documentation, benchmarking, IETF protocol assignments, 6to4/Teredo relays, reserved and unallocated space.</summary>
    Reserved,
}
