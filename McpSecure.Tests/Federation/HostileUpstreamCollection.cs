namespace McpSecure.Tests.Federation;

/// <summary>One app for the hostile-upstream tests, which run one after another: each sets the upstream's mode for its sign-in.</summary>
[CollectionDefinition(Name)]
public sealed class HostileUpstreamCollection : ICollectionFixture<HostileUpstreamFixture>
{
    public const string Name = "Hostile upstream";
}
