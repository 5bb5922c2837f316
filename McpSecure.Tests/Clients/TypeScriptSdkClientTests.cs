using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Clients;

/// <summary>
/// The MCP TypeScript SDK client (npm @modelcontextprotocol/sdk, tools/clients/sdk-client.mjs): StreamableHTTPClientTransport
/// with an OAuthClientProvider, given the URL. It discovers, logs in (Chromium), calls execute_query, and refreshes
/// when its access token has expired, without a second login.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class TypeScriptSdkClientTests(EmbeddedAppFixture fixture)
{
    private sealed record Summary(string? RegisteredClientId, string? TokenClientId, int Logins, int TokenSaves, string? ScopesRequested,
        bool RefreshTokenIssued, string[] Exchanges, string? ServerName, Result[] Results, string? Error);

    private sealed record Result(bool IsError, string Text);

    // Refresh tokens: the TS SDK 1.32.2 asks for exactly the scope of the gateway's challenge (mcp:tools) and, unlike
    // the C# SDK and mcp-remote, does not add offline_access; McpSecure.Identity, like Keycloak, issues a refresh token
    // with every code for a client allowed to refresh, so the TS SDK can refresh too.
    [Fact]
    public async Task Typescript_sdk_with_the_static_client_discovers_logs_in_and_calls_a_tool()
    {
        var summary = await RunAsync(["--client-id", AuthorizationRequest.PublicClientId], withExpiredToken: false);

        Assert.Null(summary.RegisteredClientId);
        Assert.Equal("McpSecure.PrometheusMcp", summary.ServerName);
        // Discovery went from the 401 challenge to the resource metadata to the authorization server metadata.
        Assert.Equal(["POST /mcp 401", "GET /.well-known/oauth-protected-resource/mcp 200"], summary.Exchanges.Take(2));
        Assert.Contains("GET /.well-known/oauth-authorization-server 200", summary.Exchanges);
        Assert.Contains("POST /connect/token 200 authorization_code", summary.Exchanges);
        Assert.Contains("mcp:tools", summary.ScopesRequested!.Split(' '));
        Assert.Equal(1, summary.Logins);
        AssertRealData(Assert.Single(summary.Results));
    }

    [Fact]
    public async Task Typescript_sdk_refreshes_an_expired_token_without_a_new_login()
    {
        var summary = await RunAsync(["--client-id", AuthorizationRequest.PublicClientId], withExpiredToken: true);

        AssertLoggedInOnceCalledTwiceAndRefreshed(summary);
    }

    [Fact]
    public async Task Typescript_sdk_given_only_the_url_registers_dynamically_logs_in_calls_a_tool_and_refreshes()
    {
        var summary = await RunAsync([], withExpiredToken: true);

        Assert.False(string.IsNullOrEmpty(summary.RegisteredClientId), $"The SDK did not register a client: {summary}");
        Assert.NotEqual(AuthorizationRequest.PublicClientId, summary.RegisteredClientId);
        AssertLoggedInOnceCalledTwiceAndRefreshed(summary);
    }

    [Fact]
    public async Task Typescript_sdk_with_a_client_metadata_document_url_consents_calls_a_tool_and_its_token_names_that_url()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = fixture.ClientDocuments.Publish(url => ClientMetadataDocumentHost.NativeClientDocument(url, "McpSecure tests (MCP TypeScript SDK, CIMD)", redirectUri));

        var (summary, logins) = await RunWithLoginsAsync(["--client-metadata-url", clientId, "--redirect-uri", redirectUri], withExpiredToken: false);

        // No registration: the document URL is the client id, and the browser went through our consent page.
        Assert.Null(summary.RegisteredClientId);
        Assert.DoesNotContain(summary.Exchanges, exchange => exchange.Contains("/connect/register", StringComparison.Ordinal));
        Assert.Equal(clientId, summary.TokenClientId);
        Assert.Equal(1, summary.Logins);
        AssertRealData(Assert.Single(summary.Results));
        Assert.Equal(["login", "consent"], Assert.Single(logins).Pages ?? []);
    }

    private static void AssertLoggedInOnceCalledTwiceAndRefreshed(Summary summary)
    {
        Assert.Equal(1, summary.Logins);
        Assert.True(summary.RefreshTokenIssued, "The provider issued no refresh token to the TypeScript SDK.");
        Assert.Equal(2, summary.Results.Length);
        Assert.All(summary.Results, AssertRealData);
        Assert.Contains("POST /mcp 401", summary.Exchanges.SkipWhile(e => !e.Contains("authorization_code", StringComparison.Ordinal)));
        Assert.Contains("POST /connect/token 200 refresh_token", summary.Exchanges);
    }

    private static void AssertRealData(Result result)
    {
        Assert.False(result.IsError);
        Assert.Matches(McpAssert.GatewayIsUp, result.Text);
    }

    private async Task<Summary> RunAsync(IEnumerable<string> arguments, bool withExpiredToken) =>
        (await RunWithLoginsAsync(arguments, withExpiredToken)).Summary;

    /// <summary>Runs the client; also returns the browser's logins (which pages it saw), once the detached browser has logged them.</summary>
    private async Task<(Summary Summary, IReadOnlyList<HeadlessBrowserLogin.Entry> Logins)> RunWithLoginsAsync(IEnumerable<string> arguments, bool withExpiredToken)
    {
        var script = Path.Combine(ClientTools.ClientsFolder, "sdk-client.mjs");
        ClientTools.RequireNodePackageFile("@modelcontextprotocol/sdk/package.json");
        using var login = new HeadlessBrowserLogin("alice", "alice-dev-password");
        var environment = new Dictionary<string, string?>(login.Environment)
        {
            ["MCPSECURE_EXPIRED_TOKEN"] = withExpiredToken
                ? fixture.Forge.CreateExpired()
                : null,
        };

        var result = await ExternalProcess.RunAsync(ClientTools.RequireNode(), [script, fixture.McpUrl.AbsoluteUri, .. arguments],
            environment, login.Folder, TimeSpan.FromSeconds(120));

        var summary = JsonSerializer.Deserialize<Summary>(result.StandardOutput.Trim().Split('\n')[^1], new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.True(result.ExitCode == 0 && summary?.Error is null,
            $"The TypeScript SDK client failed: {result}\nbrowser logins: {string.Join("\n", login.Logins())}");
        return (summary!, await login.WaitForLoginsAsync(summary!.Logins, TimeSpan.FromSeconds(30)));
    }
}
