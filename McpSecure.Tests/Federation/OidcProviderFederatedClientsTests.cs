namespace McpSecure.Tests.Federation;

/// <summary>
/// <see cref="FederatedClientsTests"/> in front of the npm <c>oidc-provider</c>: bob signs in at its own login page and
/// consents there; its group <c>mcp-admins</c> is mapped to <c>admin</c>.
/// </summary>
[Collection(FederationAppCollection.Name)]
public sealed class OidcProviderFederatedClientsTests(FederationAppFixture fixture)
    : FederatedClientsTests(ClientsOf(fixture.McpUrl, fixture.ClientDocuments, fixture.UpstreamIssuer, Bob), Bob)
{
    private static readonly UpstreamUser Bob = new("bob", "any-upstream-password", "Bob Upstream");
}
