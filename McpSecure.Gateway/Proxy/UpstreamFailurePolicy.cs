using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// Passive health check: one failed request (no answer in time, connection refused or reset) takes the MCP server
/// out for <see cref="UpstreamOptions.UnavailablePeriod"/>, so that the requests behind it are answered at once
/// instead of each waiting for the same dead server; a request that gets an answer marks it healthy again. YARP's
/// built-in failure-rate policy needs ten requests in a minute before it acts, too slow for a single MCP server.
/// </summary>
internal sealed class UpstreamFailurePolicy(IDestinationHealthUpdater healthUpdater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "McpUpstreamFailure";

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(5);
        healthUpdater.SetPassive(cluster, destination, DestinationFailed(context) ? DestinationHealth.Unhealthy : DestinationHealth.Healthy, period);
    }

    /// <summary>A failure of the destination, not of the client: the client still waits and the error is on the upstream side.</summary>
    public static bool DestinationFailed(HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested &&
        context.Features.Get<IForwarderErrorFeature>()?.Error is ForwarderError.Request or ForwarderError.RequestTimedOut
            or ForwarderError.ResponseHeaders or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination;
}
