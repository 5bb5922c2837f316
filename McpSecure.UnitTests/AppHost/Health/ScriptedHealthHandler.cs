using System.Net;

namespace McpSecure.UnitTests.AppHost.Health;

/// <summary>Answers the probe's requests with the given status codes in turn (the last one repeats), counting them.</summary>
internal sealed class ScriptedHealthHandler(params HttpStatusCode[] answers) : HttpMessageHandler
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls);
        return Task.FromResult(new HttpResponseMessage(answers[Math.Min(call, answers.Length) - 1]) { RequestMessage = request });
    }
}
