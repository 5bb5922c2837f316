namespace McpSecure.Tests.Reliability;

/// <summary>One start of <see cref="ReliabilityAppFixture"/> for the load tests and the resource-fault tests.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityAppCollection : ICollectionFixture<ReliabilityAppFixture>
{
    public const string Name = "Reliability app";
}
