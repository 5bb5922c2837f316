using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Yarp.ReverseProxy.Forwarder;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// The MCP server's own record of what reached it: every request's <c>X-Fuzz-Case</c> header (the fuzz run's case
/// number) and forwarded identity. Reads each body to the end, as a real server does, and answers a JSON-RPC result.
/// </summary>
internal sealed class CountingUpstream : HttpMessageHandler, IForwarderHttpClientFactory
{
    public const string CaseHeader = "X-Fuzz-Case";

    public ConcurrentQueue<(string? Case, string? Identity)> Received { get; } = new();

    public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        Received.Enqueue((Header(request, CaseHeader), Header(request, "X-McpSecure-Identity")));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"result":{}}""", Encoding.UTF8, "application/json"),
        };
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
