using System.Collections.Concurrent;
using McpSecure.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSecure.Tests.Clients;

/// <summary>
/// mcp-remote (npm), configured exactly as the nginx design documents it for Cursor and other stdio clients:
/// it discovers the provider from the gateway, opens the browser for the login (completed headlessly in Chromium),
/// and exposes the remote server on its stdio side, which this test speaks to with the C# MCP client.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class McpRemoteTests(EmbeddedAppFixture fixture)
{
    [Fact]
    public async Task Mcp_remote_logs_in_in_the_browser_serves_real_data_on_stdio_and_reuses_its_stored_token()
    {
        var proxy = ClientTools.RequireNodePackageFile("mcp-remote/dist/proxy.js");
        using var login = new HeadlessBrowserLogin("alice", "alice-dev-password");
        var callbackPort = Loopback.FreeTcpPort();

        // First run: no stored token, so mcp-remote must send the user through the browser login.
        await using (var client = await StartMcpRemoteAsync(proxy, callbackPort, login))
        {
            await AssertServesRealDataAsync(client);
        }
        var first = Assert.Single(await login.WaitForLoginsAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Equal("ok", first.Outcome);
        Assert.Contains("login", first.Pages!);
        Assert.Equal($"http://127.0.0.1:{callbackPort}/oauth/callback", first.Callback);
        Assert.True(first.HasCode);

        // Second run with the same token store: the stored token is used, nobody is asked to log in.
        await using (var client = await StartMcpRemoteAsync(proxy, callbackPort, login))
        {
            await AssertServesRealDataAsync(client);
        }
        Assert.Single(login.Logins());
    }

    [Fact]
    public async Task Mcp_remote_with_a_client_metadata_url_consents_serves_real_data_and_its_token_names_that_url()
    {
        var proxy = ClientTools.RequireNodePackageFile("mcp-remote/dist/proxy.js");
        using var login = new HeadlessBrowserLogin("alice", "alice-dev-password");
        var callbackPort = Loopback.FreeTcpPort();
        var clientId = fixture.ClientDocuments.Publish(url => ClientMetadataDocumentHost.NativeClientDocument(url,
            "McpSecure tests (mcp-remote, CIMD)", $"http://127.0.0.1:{callbackPort}/oauth/callback"));

        await using (var client = await StartMcpRemoteAsync(proxy, callbackPort, login, ["--client-metadata-url", clientId]))
        {
            await AssertServesRealDataAsync(client);
        }

        var only = Assert.Single(await login.WaitForLoginsAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Equal("ok", only.Outcome);
        Assert.Equal(["login", "consent"], only.Pages ?? []);
        // mcp-remote's token store: the access token it got was issued to the document URL.
        var stored = Directory.EnumerateFiles(Path.Combine(login.Folder, "mcp-auth"), "*_tokens.json", SearchOption.AllDirectories).Single();
        var accessToken = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(stored)).RootElement.GetProperty("access_token").GetString()!;
        Assert.Equal(clientId, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(accessToken).GetClaim("client_id").Value);
    }

    private async Task<McpClient> StartMcpRemoteAsync(string proxy, int callbackPort, HeadlessBrowserLogin login, string[]? clientArguments = null)
    {
        var stderr = new ConcurrentQueue<string>();
        var environment = new Dictionary<string, string?>(login.Environment)
        {
            ["MCP_REMOTE_CONFIG_DIR"] = Path.Combine(login.Folder, "mcp-auth"),
        };
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mcp-remote",
            Command = ClientTools.RequireNode(),
            Arguments =
            [
                proxy, fixture.McpUrl.AbsoluteUri, callbackPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--host", "127.0.0.1", "--allow-http", "--transport", "http-only",
                .. clientArguments ?? ["--static-oauth-client-info", """{"client_id":"mcp-client"}"""],
            ],
            EnvironmentVariables = environment,
            WorkingDirectory = login.Folder,
            StandardErrorLines = stderr.Enqueue,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            return await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"mcp-remote did not initialize: {e.Message}\nlogins: {string.Join("\n", login.Logins())}\nmcp-remote stderr:\n{string.Join("\n", stderr.TakeLast(40))}", e);
        }
    }

    private static async Task AssertServesRealDataAsync(McpClient client)
    {
        Assert.Equal("McpSecure.PrometheusMcp", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        Assert.Contains(tools, t => t.Name == "execute_query");
        await McpAssert.ServesRealDataAsync(client);
    }
}
