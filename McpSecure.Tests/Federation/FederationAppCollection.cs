namespace McpSecure.Tests.Federation;

/// <summary>One start of the federation app (in front of the npm <c>oidc-provider</c>) for all the classes that use it.</summary>
[CollectionDefinition(Name)]
public sealed class FederationAppCollection : ICollectionFixture<FederationAppFixture>
{
    public const string Name = "Federation app";
}
