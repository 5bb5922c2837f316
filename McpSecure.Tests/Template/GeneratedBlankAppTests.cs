using System.Diagnostics;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Template;

/// <summary>
/// A generated <c>--server blank</c> app, run as its developer runs it (<c>dotnet run</c> of its AppHost, the http
/// launch profile, Embedded mode): its gateway challenges, its identity provider signs alice in with PKCE, and its own
/// MCP server's <c>whoami</c> sees her. Nothing it started is left running afterwards.
/// </summary>
[Collection(TemplateCollection.Name)]
[Trait("Category", "Template")]
public sealed class GeneratedBlankAppTests(TemplateFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_user_signed_in_with_PKCE_reaches_the_generated_MCP_server_through_the_generated_gateway()
    {
        var app = fixture.Blank;
        Assert.True(app.Build?.Succeeded, $"{app} did not build: {app.Build}");
        var stopwatch = Stopwatch.StartNew();
        var gateway = new Uri($"http://localhost:{app.GatewayPort}");
        var mcpUrl = new Uri(gateway, "/mcp");

        // The configuration section carries the app's name: --Contoso.Weather:Mode, not --McpSecure:Mode.
        await using var host = await AppHostProcess.StartAsync(app.Project("AppHost"), app.Folder, [$"--{app.Name}:Mode=Embedded"],
            new Uri(gateway, "/health"), TimeSpan.FromMinutes(4));
        output.WriteLine($"Gateway healthy after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        var discovered = await GatewayDiscovery.DiscoverAsync(mcpUrl);
        Assert.Equal(mcpUrl.AbsoluteUri, discovered.Resource);
        Assert.Equal(app.IdentityPort, discovered.Issuer.Port);

        var token = await PkceLogin.GetTokenAsync(discovered.Issuer, discovered.Resource, "alice", "alice-dev-password");
        await using (var client = await McpConnection.ConnectAsync(mcpUrl, token.AccessToken))
        {
            var whoami = await client.CallToolAsync("whoami");
            Assert.NotEqual(true, whoami.IsError);
            var caller = Assert.IsType<System.Text.Json.JsonElement>(whoami.StructuredContent);
            Assert.Equal("alice", caller.GetProperty("username").GetString());
            Assert.Contains("mcp:tools", caller.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        }
        output.WriteLine($"Signed in and called whoami after {stopwatch.Elapsed.TotalSeconds:0.0} s");

        var stop = Stopwatch.StartNew();
        var leftOver = await host.StopAsync();
        output.WriteLine($"Stopped in {stop.Elapsed.TotalSeconds:0.0} s");
        Assert.True(leftOver.Count == 0, $"Still running after the AppHost stopped (now killed):\n{string.Join('\n', leftOver)}");
    }
}
