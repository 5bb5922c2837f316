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

    private async Task<McpClient> StartMcpRemoteAsync(string proxy, int callbackPort, HeadlessBrowserLogin login)
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
                "--static-oauth-client-info", """{"client_id":"mcp-client"}""",
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
