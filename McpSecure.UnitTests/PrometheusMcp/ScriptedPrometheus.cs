using System.Net;
using System.Text;

namespace McpSecure.UnitTests.PrometheusMcp;

/// <summary>A Prometheus that answers queries after a delay (or never) and its readiness probe at once (or never).</summary>
internal sealed class ScriptedPrometheus(TimeSpan queryDelay, bool readyAnswers) : HttpMessageHandler
{
    public List<string> Paths { get; } = [];
    public string? ReadyAuthorization { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Paths)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
        }
        var ready = request.RequestUri!.AbsolutePath.EndsWith("/-/ready", StringComparison.Ordinal);
        if (ready)
        {
            ReadyAuthorization = request.Headers.Authorization?.ToString();
        }
        await Task.Delay(ready ? (readyAnswers ? TimeSpan.Zero : Timeout.InfiniteTimeSpan) : queryDelay, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(ready ? "Prometheus Server is Ready." : """{"status":"success","data":{"resultType":"vector","result":[]}}""", Encoding.UTF8, "application/json"),
        };
    }
}

