using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The real MCP clients in federation mode (<see cref="FederatedClientRuns"/>): mcp-remote given only the URL, the
/// TypeScript SDK and the C# SDK with a Client ID Metadata Document as client id. The upstream's user signs in with
/// Chromium at the upstream provider's own login page (and consents there if it asks), then consents at our consent
/// page; <c>whoami</c> shows the upstream user with its upstream admin group mapped to <c>admin</c>. Each subclass
/// names its upstream (its fixture) and its user; xUnit runs the facts once for each.
/// </summary>
public abstract class FederatedClientsTests(FederatedClientRuns clients, FederatedClientsTests.UpstreamUser user)
{
    /// <summary>A user of the upstream provider, in its admin group: the login, the password and the display name <c>whoami</c> shows.</summary>
    public sealed record UpstreamUser(string Login, string Password, string DisplayName);

    /// <summary>The clients against <paramref name="mcpUrl"/>, signing in as <paramref name="user"/> at <paramref name="upstreamIssuer"/>.</summary>
    protected static FederatedClientRuns ClientsOf(Uri mcpUrl, ClientMetadataDocumentHost clientDocuments, string upstreamIssuer, UpstreamUser user) =>
        new(mcpUrl, clientDocuments, upstreamIssuer, user.Login, user.Password);

    private void AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsTheUser(FederatedClientRuns.Run run)
    {
        // The upstream provider's own login page first, never ours; our consent page last, before the client's redirect.
        Assert.Equal("upstream login", run.PagesSeen[0]);
        Assert.Equal("consent", run.PagesSeen[^1]);
        Assert.DoesNotContain("login", run.PagesSeen);
        Assert.Equal(user.Login, run.TokenSubject);
        Assert.Contains($"subject: {user.Login}", run.Whoami);
        Assert.Contains(user.DisplayName, run.Whoami);
        // The upstream admin group is mapped to admin; every federated user is a reader.
        Assert.Contains("admin", run.Whoami);
        Assert.Contains("reader", run.Whoami);
    }

    [Fact]
    public async Task Mcp_remote_given_only_the_url_registers_at_ours_signs_in_at_the_upstream_and_whoami_shows_the_upstream_user()
    {
        var run = await clients.McpRemoteAsync();

        AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsTheUser(run);
        // It registered itself at McpSecure.Identity (the upstream has no dynamic registration): a client id of its own.
        Assert.NotEqual(AuthorizationRequest.PublicClientId, run.TokenClientId);
        Assert.False(string.IsNullOrEmpty(run.TokenClientId));
    }

    [Fact]
    public async Task Typescript_sdk_with_a_client_metadata_url_signs_in_at_the_upstream_consents_at_ours_and_whoami_shows_the_upstream_user()
    {
        var (run, clientId, exchanges) = await clients.TypeScriptSdkAsync();

        AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsTheUser(run);
        Assert.Equal(clientId, run.TokenClientId);
        Assert.DoesNotContain(exchanges, exchange => exchange.Contains("/connect/register", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csharp_sdk_with_a_client_metadata_document_uri_signs_in_at_the_upstream_consents_at_ours_and_whoami_shows_the_upstream_user()
    {
        var (run, clientId) = await clients.CSharpSdkAsync();

        AssertSignedInUpstreamConsentedAtOursAndWhoamiShowsTheUser(run);
        Assert.Equal(clientId, run.TokenClientId);
    }
}
