namespace McpSecure.Tests.Interop;

/// <summary>One start of both apps in front of the npm <c>oidc-provider</c> for the classes that use them.</summary>
[CollectionDefinition(Name)]
public sealed class OidcProviderAppsCollection : ICollectionFixture<OidcProviderAppsFixture>
{
    public const string Name = "npm oidc-provider apps";
}
