namespace McpSecure.Tests.LemonLdap;

/// <summary>One LemonLDAP::NG and its two apps (external provider, federation upstream) for all the classes that use them.</summary>
[CollectionDefinition(Name)]
public sealed class LemonLdapCollection : ICollectionFixture<LemonLdapFixture>
{
    public const string Name = "LemonLDAP::NG apps";
}
