using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Clients;

/// <summary>
/// MCP Inspector's CLI (npm @modelcontextprotocol/inspector): once with a bearer token from a real login passed
/// as a header, once doing its own OAuth login (static client mcp-client, browser login completed in Chromium).
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class InspectorCliTests(EmbeddedAppFixture fixture)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Inspector_cli_with_a_bearer_header_calls_execute_query()
    {
        var cli = ClientTools.RequireNodePackageFile("@modelcontextprotocol/inspector/clients/launcher/build/index.js");
        var token = await fixture.LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read");
        using var home = new HeadlessBrowserLogin("alice", "alice-dev-password");

        var result = await RunInspectorAsync(cli, home, ["--header", $"Authorization: Bearer {token.AccessToken}"]);

        AssertUpQueryResult(result);
        Assert.Empty(home.Logins());
    }

    [Fact]
    public async Task Inspector_cli_without_a_token_is_refused()
    {
        // The control for the test above: the header really is what lets the Inspector in.
        var cli = ClientTools.RequireNodePackageFile("@modelcontextprotocol/inspector/clients/launcher/build/index.js");
        using var home = new HeadlessBrowserLogin("alice", "alice-dev-password");

        var result = await RunInspectorAsync(cli, home, ["--stored-auth-only"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("job=\\\"gateway\\\"", result.StandardOutput);
        Assert.Empty(home.Logins());
    }

    [Fact]
    public async Task Inspector_cli_logs_in_with_its_own_oauth_flow_and_calls_execute_query()
    {
        var cli = ClientTools.RequireNodePackageFile("@modelcontextprotocol/inspector/clients/launcher/build/index.js");
        using var login = new HeadlessBrowserLogin("bob", "bob-dev-password");
        var callbackUrl = Loopback.RedirectUri("/oauth/callback");

        var result = await RunInspectorAsync(cli, login, ["--client-id", "mcp-client", "--callback-url", callbackUrl]);

        AssertUpQueryResult(result);
        var entry = Assert.Single(await login.WaitForLoginsAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Equal("ok", entry.Outcome);
        Assert.Equal(callbackUrl, entry.Callback);
    }

    private async Task<ExternalProcess.Result> RunInspectorAsync(string cli, HeadlessBrowserLogin session, IEnumerable<string> extraArguments)
    {
        var environment = new Dictionary<string, string?>(session.Environment)
        {
            // The Inspector keeps its catalog, client config and OAuth state under $HOME/.mcp-inspector.
            ["HOME"] = session.Folder,
            // The CLI opens the browser only on a terminal unless told to: there is none under the test runner.
            ["MCP_AUTO_OPEN_ENABLED"] = "true",
            // No OS keychain here: keep the Inspector's secrets in memory for this one run.
            ["MCP_INSPECTOR_SECRET_STORE"] = "memory",
        };
        return await ExternalProcess.RunAsync(ClientTools.RequireNode(),
        [
            cli, "--cli", fixture.McpUrl.AbsoluteUri, "--transport", "http",
            "--method", "tools/call", "--tool-name", "execute_query", "--tool-arg", "query=up",
            "--format", "json", .. extraArguments,
        ], environment, session.Folder, RunTimeout);
    }

    private static void AssertUpQueryResult(ExternalProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, $"The Inspector CLI failed: {result}");
        using var output = JsonDocument.Parse(result.StandardOutput);
        var content = output.RootElement.TryGetProperty("result", out var toolResult) ? toolResult.GetProperty("content") : default;
        Assert.True(content.ValueKind == JsonValueKind.Array, $"No tool result in the Inspector's output: {result}");
        var text = string.Join("\n", content.EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Matches(McpAssert.GatewayIsUp, text);
    }
}
