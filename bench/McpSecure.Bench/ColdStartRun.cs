namespace McpSecure.Bench;

/// <summary>One AppHost cold start: when every resource was healthy and the gateway's <c>/health</c> answered (null: never), and its timeline.</summary>
internal sealed record ColdStartRun(double? HealthySeconds, IReadOnlyList<TimelineMark> Marks);
