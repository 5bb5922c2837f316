using System.Text.Json;
using McpSecure.AppHost;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Clients;

/// <summary>
/// The gateway resource carries ready-to-paste client configurations (dashboard properties) built from its real
/// URL, and the mcp-remote one is exactly the form the mcp-remote test proves working.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ClientConfigurationsOnDashboardTests(EmbeddedAppFixture fixture)
{
    [Fact]
    public async Task Gateway_resource_shows_vs_code_stdio_and_claude_code_configurations_for_its_real_url()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var gateway = await fixture.App.ResourceNotifications.WaitForResourceAsync("gateway",
            e => e.Snapshot.Properties.Any(p => p.Name == GatewayClientConfigurations.ClaudeCodeProperty), timeout.Token);
        string Property(string name) => Assert.IsType<string>(Assert.Single(gateway.Snapshot.Properties, p => p.Name == name).Value);
        var mcpUrl = fixture.McpUrl.AbsoluteUri;

        Assert.Equal(mcpUrl, Property(GatewayClientConfigurations.McpUrlProperty));

        var vsCode = JsonDocument.Parse(Property(GatewayClientConfigurations.VsCodeProperty)).RootElement.GetProperty("servers").GetProperty(GatewayClientConfigurations.ServerName);
        Assert.Equal("http", vsCode.GetProperty("type").GetString());
        Assert.Equal(mcpUrl, vsCode.GetProperty("url").GetString());

        var stdio = JsonDocument.Parse(Property(GatewayClientConfigurations.StdioProperty)).RootElement.GetProperty("mcpServers").GetProperty(GatewayClientConfigurations.ServerName);
        Assert.Equal("npx", stdio.GetProperty("command").GetString());
        Assert.Equal(
            ["-y", "mcp-remote", mcpUrl, "3334", "--host", "127.0.0.1", "--allow-http", "--transport", "http-only", "--static-oauth-client-info", """{"client_id":"mcp-client"}"""],
            stdio.GetProperty("args").EnumerateArray().Select(a => a.GetString()!));

        Assert.Equal($"claude mcp add --transport http prometheus {mcpUrl}", Property(GatewayClientConfigurations.ClaudeCodeProperty));
        Assert.Contains(gateway.Snapshot.Urls, u => u.Url == mcpUrl);
    }
}
