using System.Globalization;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// How big the load and stream runs are: a CI size by default; <c>MCPSECURE_RELIABILITY_FULL=1</c> for the full size
/// (20,000 requests, streams held a minute), or the single variables for exact values.
/// </summary>
public static class ReliabilityRunSize
{
    public static bool Full => Environment.GetEnvironmentVariable("MCPSECURE_RELIABILITY_FULL") is "1" or "true";

    /// <summary><c>MCPSECURE_LOAD_REQUESTS</c>: 4,000 in CI, 20,000 full.</summary>
    public static int LoadRequests => Integer("MCPSECURE_LOAD_REQUESTS") ?? (Full ? 20_000 : 4_000);

    /// <summary><c>MCPSECURE_LOAD_CONCURRENCY</c>: 32.</summary>
    public static int LoadConcurrency => Integer("MCPSECURE_LOAD_CONCURRENCY") ?? 32;

    /// <summary><c>MCPSECURE_SSE_STREAMS</c>: 100.</summary>
    public static int SseStreams => Integer("MCPSECURE_SSE_STREAMS") ?? 100;

    /// <summary><c>MCPSECURE_SSE_SECONDS</c>: how long each stream stays open, 15 s in CI, 60 s full.</summary>
    public static int SseSeconds => Integer("MCPSECURE_SSE_SECONDS") ?? (Full ? 60 : 15);

    private static int? Integer(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
