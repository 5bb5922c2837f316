using System.Net;
using System.Text;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>An in-memory MCP server that reads every request body to the end (as a real one does) before it answers.</summary>
internal sealed class BodyReadingUpstream : HttpMessageHandler, IForwarderHttpClientFactory
{
    public int Requests;

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        Interlocked.Increment(ref Requests);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"result":{}}""", Encoding.UTF8, "application/json"),
        };
    }
}
