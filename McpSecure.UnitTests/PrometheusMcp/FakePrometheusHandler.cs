using System.Net;
using System.Text;

namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>An in-memory Prometheus HTTP API: answers every request with one canned body and records what was asked.</summary>
internal sealed class FakePrometheusHandler(string body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") : HttpMessageHandler
{
    public static readonly Uri BaseAddress = new("http://prometheus.test/prefix/");

    public List<(HttpMethod Method, Uri Uri, string? Form)> Requests { get; } = [];

    public HttpClient CreateClient() => new(this) { BaseAddress = BaseAddress };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!, form));
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
