using McpSecure.Tests.Infrastructure;
using System.Diagnostics;
using System.Text.Json;

namespace McpSecure.Tests.Reliability;

/// <summary>One HTTP exchange as a client saw it: status, Retry-After, body, and how long it took.</summary>
public sealed record TimedAnswer(HttpStatusCode Status, string? RetryAfter, string? ContentType, string Text, TimeSpan Elapsed)
{
    /// <summary>Sends <paramref name="request"/> with a 60 s client limit (longer than any of the gateway's).</summary>
    public static async Task<TimedAnswer> SendAsync(HttpRequestMessage request)
    {
        using var http = EmbeddedAppFixture.CreateRawClient();
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new TimedAnswer(response.StatusCode, response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType,
            text, Stopwatch.GetElapsedTime(started));
    }

    public string Error => JsonDocument.Parse(Text).RootElement.GetProperty("error").GetString()!;

    public override string ToString() => $"{(int)Status} after {Elapsed.TotalSeconds:0.0} s, Retry-After {RetryAfter}: {Text}";
}
