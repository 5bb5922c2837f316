using System.Globalization;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// How big the bounded fuzz run is: a CI size by default; <c>MCPSECURE_RELIABILITY_FULL=1</c> for the full size, or
/// <c>MCPSECURE_FUZZ_CASES</c> / <c>MCPSECURE_FUZZ_SEED</c> for exact values (the seed of every run is printed, so a
/// failure can be replayed).
/// </summary>
internal static class RunSize
{
    public static bool Full => Environment.GetEnvironmentVariable("MCPSECURE_RELIABILITY_FULL") is "1" or "true";

    public static int FuzzCases => Integer("MCPSECURE_FUZZ_CASES") ?? (Full ? 20_000 : 500);

    public static int FuzzSeed => Integer("MCPSECURE_FUZZ_SEED") ?? Random.Shared.Next();

    private static int? Integer(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
