using McpSecure.Gateway.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace McpSecure.Gateway.Network;

/// <summary>
/// <c>X-Forwarded-For/Proto/Host</c> are honoured only from the proxies in <see cref="GatewayOptions.TrustedProxies"/>
/// (addresses or CIDR ranges, e.g. the ingress controller's). From anyone else they are ignored. The discovery
/// documents and the token audience never depend on them: they come from <see cref="GatewayOptions.PublicBaseUrl"/>.
/// </summary>
internal static class TrustedProxyExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<GatewayOptions>>((forwarded, gatewayOptions) =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                TrustedProxyList.Apply(forwarded, gatewayOptions.Value.TrustedProxies);
            });
        return services;
    }
}
