using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway;

/// <summary>
/// <c>X-Forwarded-For/Proto/Host</c> are honoured only from the proxies in <see cref="GatewayOptions.TrustedProxies"/>
/// (addresses or CIDR ranges, e.g. the ingress controller's). From anyone else they are ignored. The discovery
/// documents and the token audience never depend on them: they come from <see cref="GatewayOptions.PublicBaseUrl"/>.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<GatewayOptions>>((forwarded, gatewayOptions) =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                // ASP.NET Core trusts loopback by default; trust exactly what is configured instead.
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var entry in gatewayOptions.Value.TrustedProxies)
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
            });
        return services;
    }

    internal static string? Reject(string entry) =>
        entry.Contains('/') ? (System.Net.IPNetwork.TryParse(entry, out _) ? null : $"'{entry}' is not a CIDR range.")
                            : (IPAddress.TryParse(entry, out _) ? null : $"'{entry}' is not an IP address.");
}
