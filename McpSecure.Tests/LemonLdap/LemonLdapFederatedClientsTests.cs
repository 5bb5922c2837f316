using McpSecure.Tests.Federation;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.LemonLdap;

/// <summary>
/// The real MCP clients in federation mode in front of LemonLDAP::NG (<see cref="FederatedClientRuns"/>): mcp-remote
/// given only the URL, the TypeScript SDK and the C# SDK with a Client ID Metadata Document as client id. dwho signs in
/// with Chromium at LemonLDAP::NG's own login form, then consents at ours; <c>whoami</c> shows the LemonLDAP::NG user
/// with its group <c>timelords</c> mapped to <c>admin</c>.
/// </summary>
[Collection(LemonLdapFederationCollection.Name)]
public sealed class LemonLdapFederatedClientsTests(LemonLdapFederationFixture fixture)
{
    private FederatedClientRuns Clients => new(fixture.McpUrl, fixture.ClientDocuments, fixture.UpstreamIssuer, "dwho", "dwho");

    private static void AssertSignedInAtLemonLdapConsentedAtOursAndWhoamiShowsDwho(FederatedClientRuns.Run run)
    {
        Assert.Equal("upstream login", run.PagesSeen[0]);
        Assert.Equal("consent", run.PagesSeen[^1]);
        Assert.DoesNotContain("login", run.PagesSeen);
        Assert.Equal("dwho", run.TokenSubject);
        Assert.Contains("subject: dwho", run.Whoami);
        Assert.Contains("Doctor Who", run.Whoami);
        Assert.Contains("admin", run.Whoami);
        Assert.Contains("reader", run.Whoami);
    }

    [Fact]
    public async Task Mcp_remote_given_only_the_url_signs_in_at_lemonldap_consents_at_ours_and_whoami_shows_dwho()
    {
        var run = await Clients.McpRemoteAsync();

        AssertSignedInAtLemonLdapConsentedAtOursAndWhoamiShowsDwho(run);
        Assert.NotEqual(AuthorizationRequest.PublicClientId, run.TokenClientId);
        Assert.False(string.IsNullOrEmpty(run.TokenClientId));
    }

    [Fact]
    public async Task Typescript_sdk_with_a_client_metadata_url_signs_in_at_lemonldap_consents_at_ours_and_whoami_shows_dwho()
    {
        var (run, clientId, exchanges) = await Clients.TypeScriptSdkAsync();

        AssertSignedInAtLemonLdapConsentedAtOursAndWhoamiShowsDwho(run);
        Assert.Equal(clientId, run.TokenClientId);
        Assert.DoesNotContain(exchanges, exchange => exchange.Contains("/connect/register", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csharp_sdk_with_a_client_metadata_document_uri_signs_in_at_lemonldap_consents_at_ours_and_whoami_shows_dwho()
    {
        var (run, clientId) = await Clients.CSharpSdkAsync();

        AssertSignedInAtLemonLdapConsentedAtOursAndWhoamiShowsDwho(run);
        Assert.Equal(clientId, run.TokenClientId);
    }
}
