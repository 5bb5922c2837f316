namespace McpSecure.Bench;

/// <summary>Everything one run of the benchmark measured (written as results.json).</summary>
internal sealed record BenchReport(
    string Machine,
    string? LoadCpu,
    string? ServerCpu,
    string TokenSource,
    string McpServer,
    string GatewayBuild,
    int Runs,
    int DurationSeconds,
    int WarmupSeconds,
    IReadOnlyList<Measurement> Measurements,
    double GatewayIdleRssMb,
    double GatewayPeakRssMb,
    double? ColdStartSeconds,
    IReadOnlyList<string> Goals,
    DateTimeOffset Finished);
