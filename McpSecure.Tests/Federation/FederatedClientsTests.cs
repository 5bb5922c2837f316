using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The real MCP clients in federation mode in front of the npm <c>oidc-provider</c> (<see cref="FederatedClientRuns"/>):
/// mcp-remote given only the URL, the TypeScript SDK and the C# SDK with a Client ID Metadata Document as client id.
/// bob signs in with Chromium at the upstream provider's own login page and consents there, then at our consent
/// page; <c>whoami</c> shows the upstream user with the upstream group mapped to a role.
/// </summary>
[Collection(FederationAppCollection.Name)]
public sealed class FederatedClientsTests(FederationAppFixture fixture)
{
    private FederatedClientRuns Clients => new(fixture.McpUrl, fixture.ClientDocuments, fixture.UpstreamIssuer, "bob", "any-upstream-password");

    private static void AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsBob(FederatedClientRuns.Run run)
    {
        // The upstream provider's own login page first, never ours; our consent page last, before the client's redirect.
        Assert.Equal("upstream login", run.PagesSeen[0]);
        Assert.Equal("consent", run.PagesSeen[^1]);
        Assert.DoesNotContain("login", run.PagesSeen);
        Assert.Equal("bob", run.TokenSubject);
        Assert.Contains("subject: bob", run.Whoami);
        Assert.Contains("Bob Upstream", run.Whoami);
        // The upstream group mcp-admins is mapped to admin; every federated user is a reader.
        Assert.Contains("admin", run.Whoami);
        Assert.Contains("reader", run.Whoami);
    }

    [Fact]
    public async Task Mcp_remote_given_only_the_url_registers_at_ours_signs_in_at_the_upstream_and_whoami_shows_bob()
    {
        var run = await Clients.McpRemoteAsync();

        AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsBob(run);
        // It registered itself at McpSecure.Identity (the upstream has no dynamic registration): a client id of its own.
        Assert.NotEqual(AuthorizationRequest.PublicClientId, run.TokenClientId);
        Assert.False(string.IsNullOrEmpty(run.TokenClientId));
    }

    [Fact]
    public async Task Typescript_sdk_with_a_client_metadata_url_signs_in_at_the_upstream_consents_at_ours_and_whoami_shows_bob()
    {
        var (run, clientId, exchanges) = await Clients.TypeScriptSdkAsync();

        AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsBob(run);
        Assert.Equal(clientId, run.TokenClientId);
        Assert.DoesNotContain(exchanges, exchange => exchange.Contains("/connect/register", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csharp_sdk_with_a_client_metadata_document_uri_signs_in_at_the_upstream_consents_at_ours_and_whoami_shows_bob()
    {
        var (run, clientId) = await Clients.CSharpSdkAsync();

        AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsBob(run);
        Assert.Equal(clientId, run.TokenClientId);
    }
}
