using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway;

/// <summary>
/// The MCP server behind the gateway, in process: YARP forwards to this handler instead of a socket. It records
/// the headers of every request it receives and answers a small JSON-RPC result.
/// </summary>
internal sealed class FakeUpstream : HttpMessageHandler, IForwarderHttpClientFactory
{
    public ConcurrentQueue<Dictionary<string, string[]>> Received { get; } = new();

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(this, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Enqueue(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"result":{}}""", Encoding.UTF8, "application/json"),
        });
    }
}
