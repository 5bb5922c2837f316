using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway;

/// <summary>An in-process MCP server behind the gateway that records the body of every request it receives.</summary>
internal sealed class McpRequestsUpstream : HttpMessageHandler, IForwarderHttpClientFactory
{
    public ConcurrentQueue<string> Bodies { get; } = new();

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bodies.Enqueue(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"result":{}}""", Encoding.UTF8, "application/json"),
        };
    }
}
