using McpSecure.Tests.Federation;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// <see cref="FederatedClientsTests"/> in front of LemonLDAP::NG: dwho signs in at LemonLDAP::NG's own login form; its
/// group <c>timelords</c> is mapped to <c>admin</c>.
/// </summary>
[Collection(LemonLdapCollection.Name)]
public sealed class LemonLdapFederatedClientsTests(LemonLdapFixture fixture)
    : FederatedClientsTests(ClientsOf(fixture.FederationApp.McpUrl, fixture.ClientDocuments, fixture.UpstreamIssuer, Dwho), Dwho)
{
    private static readonly UpstreamUser Dwho = new("dwho", "dwho", "Doctor Who");
}
