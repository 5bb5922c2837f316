namespace McpSecure.Bench;

/// <summary>One AppHost cold start: when every resource was healthy and the gateway's <c>/health</c> answered (null: never), and its timeline.</summary>
/// <param name="CpuSeconds">CPU time (user + system) of each process under <c>dotnet run</c> when every resource was ready, by process.</param>
internal sealed record ColdStartRun(double? HealthySeconds, IReadOnlyList<TimelineMark> Marks, IReadOnlyDictionary<string, double> CpuSeconds);
