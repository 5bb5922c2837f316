namespace McpSecure.Tests.LemonLdap;

/// <summary>One start of the federation app in front of LemonLDAP::NG for all the classes that use it.</summary>
[CollectionDefinition(Name)]
public sealed class LemonLdapFederationCollection : ICollectionFixture<LemonLdapFederationFixture>
{
    public const string Name = "LemonLDAP federation app";
}
