namespace McpSecure.Tests.Publishing;

/// <summary>The real publish with <c>McpSecure:Redis</c> on: the chart runs Redis for the gateway's shared per-user limit.</summary>
public sealed class RedisPublishedChartFixture : PublishedChartFixture
{
    protected override IReadOnlyList<string> Settings => ["--McpSecure:Redis=true"];
}
