using System.Collections.Concurrent;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The three real MCP clients against a gateway whose McpSecure.Identity federates with an organisation's provider:
/// mcp-remote given only the URL (it registers itself at McpSecure.Identity), the MCP TypeScript SDK with
/// <c>clientMetadataUrl</c> and the C# SDK with <c>ClientMetadataDocumentUri</c> (Client ID Metadata Documents). Each
/// time a person in Chromium signs in at the upstream provider's own login page (and approves its consent page if it
/// shows one), then at our consent page; the client calls <c>whoami</c>. Shared by the federation tests of each upstream.
/// </summary>
public sealed class FederatedClientRuns(Uri mcpUrl, ClientMetadataDocumentHost clientDocuments, string upstreamIssuer, string username, string password)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(120);

    /// <summary>What one client run showed: the whoami text, the pages the person saw, and the client id its access token names.</summary>
    public sealed record Run(string Whoami, IReadOnlyList<string> PagesSeen, string TokenClientId, string TokenSubject);

    private HeadlessBrowserLogin BrowserLogin()
    {
        var login = new HeadlessBrowserLogin(username, password);
        login.Environment["MCPSECURE_LOGIN_UPSTREAM_ORIGIN"] = upstreamIssuer;
        return login;
    }

    /// <summary>mcp-remote with the gateway's URL and nothing else, spoken to on its stdio side with the C# MCP client.</summary>
    public async Task<Run> McpRemoteAsync()
    {
        var proxy = ClientTools.RequireNodePackageFile("mcp-remote/dist/proxy.js");
        using var login = BrowserLogin();
        var callbackPort = Loopback.FreeTcpPort();
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mcp-remote",
            Command = ClientTools.RequireNode(),
            Arguments =
            [
                proxy, mcpUrl.AbsoluteUri, callbackPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--host", "127.0.0.1", "--allow-http", "--transport", "http-only",
            ],
            EnvironmentVariables = new Dictionary<string, string?>(login.Environment)
            {
                ["MCP_REMOTE_CONFIG_DIR"] = Path.Combine(login.Folder, "mcp-auth"),
            },
            WorkingDirectory = login.Folder,
            StandardErrorLines = stderr.Enqueue,
        });
        string whoami;
        using (var timeout = new CancellationTokenSource(ClientTimeout))
        {
            McpClient client;
            try
            {
                client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"mcp-remote did not initialize: {e.Message}\nlogins: {string.Join("\n", login.Logins())}\nmcp-remote stderr:\n{string.Join("\n", stderr.TakeLast(40))}", e);
            }
            await using (client)
            {
                whoami = McpAssert.SingleText(await client.CallToolAsync("whoami", cancellationToken: timeout.Token));
            }
        }

        var only = Assert.Single(await login.WaitForLoginsAsync(1, TimeSpan.FromSeconds(15)));
        Assert.True(only.Outcome == "ok", $"The browser login failed: {only}");
        Assert.Equal($"http://127.0.0.1:{callbackPort}/oauth/callback", only.Callback);
        var stored = Directory.EnumerateFiles(Path.Combine(login.Folder, "mcp-auth"), "*_tokens.json", SearchOption.AllDirectories).Single();
        var accessToken = new JsonWebToken(JsonDocument.Parse(await File.ReadAllTextAsync(stored)).RootElement.GetProperty("access_token").GetString()!);
        return new Run(whoami, only.Pages ?? [], accessToken.GetClaim("client_id").Value, accessToken.Subject);
    }

    /// <summary>The MCP TypeScript SDK (tools/clients/sdk-client.mjs) with a Client ID Metadata Document URL as its client id.</summary>
    public async Task<(Run Run, string ClientId, string[] Exchanges)> TypeScriptSdkAsync()
    {
        var script = Path.Combine(ClientTools.ClientsFolder, "sdk-client.mjs");
        ClientTools.RequireNodePackageFile("@modelcontextprotocol/sdk/package.json");
        var redirectUri = Loopback.RedirectUri();
        var clientId = clientDocuments.Publish(url => ClientMetadataDocumentHost.NativeClientDocument(url, "McpSecure tests (MCP TypeScript SDK, CIMD, federation)", redirectUri));
        using var login = BrowserLogin();

        var result = await ExternalProcess.RunAsync(ClientTools.RequireNode(),
            [script, mcpUrl.AbsoluteUri, "--client-metadata-url", clientId, "--redirect-uri", redirectUri, "--tool", "whoami"],
            login.Environment, login.Folder, ClientTimeout);

        var summary = JsonSerializer.Deserialize<TypeScriptSummary>(result.StandardOutput.Trim().Split('\n')[^1], new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.True(result.ExitCode == 0 && summary?.Error is null,
            $"The TypeScript SDK client failed: {result}\nbrowser logins: {string.Join("\n", login.Logins())}");
        Assert.Null(summary!.RegisteredClientId);
        var logins = await login.WaitForLoginsAsync(summary.Logins, TimeSpan.FromSeconds(30));
        var only = Assert.Single(logins);
        var whoami = Assert.Single(summary.Results);
        Assert.False(whoami.IsError, whoami.Text);
        return (new Run(whoami.Text, only.Pages ?? [], summary.TokenClientId ?? "", summary.TokenSubject ?? ""), clientId, summary.Exchanges);
    }

    private sealed record TypeScriptSummary(string? RegisteredClientId, string? TokenClientId, string? TokenSubject, int Logins, string[] Exchanges,
        TypeScriptResult[] Results, string? Error);

    private sealed record TypeScriptResult(bool IsError, string Text);

    /// <summary>The C# MCP SDK's client with <c>ClientMetadataDocumentUri</c>; the user's part in Chromium.</summary>
    public async Task<(Run Run, string ClientId)> CSharpSdkAsync()
    {
        var redirectUri = Loopback.RedirectUri();
        var clientId = clientDocuments.Publish(url => ClientMetadataDocumentHost.NativeClientDocument(url, "McpSecure tests (C# MCP SDK, CIMD, federation)", redirectUri));
        var cache = new InspectableTokenCache();
        var pagesSeen = new List<IReadOnlyList<string>>();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mcpUrl,
            TransportMode = HttpTransportMode.StreamableHttp,
            OAuth = new ClientOAuthOptions
            {
                ClientMetadataDocumentUri = new Uri(clientId),
                RedirectUri = new Uri(redirectUri),
                TokenCache = cache,
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    var outcome = await ChromiumAuthorization.CompleteAsync(chromium, context.AuthorizationUri, context.RedirectUri, username, password, cancellationToken);
                    pagesSeen.Add(outcome.PagesSeen);
                    return new AuthorizationResult
                    {
                        Code = outcome.Parameters.GetValueOrDefault("code"),
                        State = outcome.Parameters.GetValueOrDefault("state"),
                        Iss = outcome.Parameters.GetValueOrDefault("iss"),
                    };
                },
            },
        });
        using var timeout = new CancellationTokenSource(ClientTimeout);
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
        var whoami = McpAssert.SingleText(await client.CallToolAsync("whoami", cancellationToken: timeout.Token));

        var accessToken = new JsonWebToken(cache.Current!.AccessToken);
        return (new Run(whoami, Assert.Single(pagesSeen), accessToken.GetClaim("client_id").Value, accessToken.Subject), clientId);
    }
}
