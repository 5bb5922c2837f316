using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace McpSecure.Gateway.Network;

/// <summary>The entries of <c>Gateway:TrustedProxies</c>: an IP address, or a CIDR range when it contains '/'.</summary>
internal static class TrustedProxyList
{
    /// <summary>Why <paramref name="entry"/> is neither, or null when it is usable.</summary>
    public static string? Reject(string entry) =>
        entry.Contains('/') ? (System.Net.IPNetwork.TryParse(entry, out _) ? null : $"'{entry}' is not a CIDR range.")
                            : (IPAddress.TryParse(entry, out _) ? null : $"'{entry}' is not an IP address.");

    /// <summary>Trusts exactly <paramref name="entries"/>, replacing ASP.NET Core's default trust of loopback.</summary>
    public static void Apply(ForwardedHeadersOptions forwarded, IEnumerable<string> entries)
    {
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/'))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }
    }
}
