using McpSecure.Gateway.Authorization;
using McpSecure.Gateway.Configuration;
using McpSecure.Gateway.Limits;
using McpSecure.Gateway.Origins;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace McpSecure.Gateway.Proxy;

/// <summary>Routes the MCP methods on the MCP path to the upstream, behind the MCP policy. Fixed by configuration at start-up.</summary>
internal sealed class McpProxyConfigProvider(IOptions<GatewayOptions> options) : IProxyConfigProvider
{
    private readonly InMemoryConfigProvider _inner = Build(options.Value);

    public IProxyConfig GetConfig() => _inner.GetConfig();

    private static InMemoryConfigProvider Build(GatewayOptions gateway)
    {
        var route = new RouteConfig
        {
            RouteId = McpRoute.RouteId,
            ClusterId = McpRoute.ClusterId,
            AuthorizationPolicy = McpAuthorizationPolicy.Name,
            CorsPolicy = GatewayCorsPolicies.McpClients,
            RateLimiterPolicy = PerUserRateLimiting.PolicyName,
            Match = new RouteMatch { Path = gateway.ResourcePath, Methods = McpRoute.Methods },
            Transforms = UpstreamPathTransforms(gateway.UpstreamUrl!),
        };
        var cluster = new ClusterConfig
        {
            ClusterId = McpRoute.ClusterId,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [McpRoute.DestinationId] = new() { Address = gateway.UpstreamUrl!.GetLeftPart(UriPartial.Authority) },
            },
            HttpRequest = new ForwarderRequestConfig
            {
                // Streamable HTTP keeps SSE responses open while tools run: allow long idle gaps. The wait for the
                // response headers has its own, short limit (ResponseHeadersTimeoutHandler).
                ActivityTimeout = gateway.Upstream.ActivityTimeout,
            },
            HealthCheck = HealthChecks(gateway.Upstream),
        };
        return new InMemoryConfigProvider([route], [cluster]);
    }

    /// <summary>
    /// Passive checks always (a failed request takes the server out for a moment, see <see cref="UpstreamFailurePolicy"/>),
    /// active probes of the server's health endpoint when one is configured; an unhealthy server gets 503 at once.
    /// </summary>
    private static HealthCheckConfig HealthChecks(UpstreamOptions upstream) => new()
    {
        AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true,
            Policy = UpstreamFailurePolicy.PolicyName,
            ReactivationPeriod = upstream.UnavailablePeriod,
        },
        Active = upstream.ActiveHealthChecks
            ? new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = upstream.HealthCheckInterval,
                Timeout = upstream.HealthCheckTimeout,
                Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                Path = upstream.HealthCheckPath,
            }
            : null,
    };

    /// <summary>
    /// An upstream URL with a path (<c>http://host:3001/mcp</c>) names the MCP endpoint itself, so requests go to that
    /// path; one without (<c>http://prometheus-mcp</c>) keeps the gateway's own MCP path.
    /// </summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, string>>? UpstreamPathTransforms(Uri upstream) =>
        upstream.AbsolutePath is "/" or "" ? null : [new Dictionary<string, string> { ["PathSet"] = upstream.AbsolutePath }];
}
