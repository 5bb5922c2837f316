using McpSecure.Gateway.Configuration;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.Gateway.Proxy;

/// <summary>YARP's client to the MCP server, with <see cref="ResponseHeadersTimeoutHandler"/> around it (health probes included).</summary>
internal sealed class UpstreamHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger, IOptions<GatewayOptions> options, TimeProvider time)
    : ForwarderHttpClientFactory(logger)
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new ResponseHeadersTimeoutHandler(options.Value.Upstream.ResponseHeadersTimeout, time) { InnerHandler = base.WrapHandler(context, handler) };
}
