using System.Text.Json;
using McpSecure.AppHost;

namespace McpSecure.UnitTests.AppHost;

public sealed class GatewayClientConfigurationsTests
{
    private const string McpUrl = "http://localhost:5500/mcp";

    private static Dictionary<string, string> For(string clientId = "mcp-client", int callbackPort = GatewayClientConfigurations.DefaultCallbackPort) =>
        GatewayClientConfigurations.For(McpUrl, clientId, callbackPort).ToDictionary(c => c.Name, c => c.Value);

    [Fact]
    public void Vs_code_gets_the_plain_url_and_discovers_the_login_itself()
    {
        var server = JsonDocument.Parse(For()[GatewayClientConfigurations.VsCodeProperty]).RootElement.GetProperty("servers").GetProperty(GatewayClientConfigurations.ServerName);

        Assert.Equal("http", server.GetProperty("type").GetString());
        Assert.Equal(McpUrl, server.GetProperty("url").GetString());
    }

    [Fact]
    public void Stdio_clients_get_mcp_remote_with_the_callback_port_and_the_pre_registered_public_client()
    {
        var server = JsonDocument.Parse(For("their-client", 4444)[GatewayClientConfigurations.StdioProperty]).RootElement
            .GetProperty("mcpServers").GetProperty(GatewayClientConfigurations.ServerName);
        var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();

        Assert.Equal("npx", server.GetProperty("command").GetString());
        Assert.Equal(["-y", "mcp-remote", McpUrl, "4444"], args.Take(4));
        Assert.Equal("127.0.0.1", args[args.IndexOf("--host") + 1]);
        Assert.Equal("http-only", args[args.IndexOf("--transport") + 1]);
        Assert.Contains("--allow-http", args);
        var clientInfo = JsonDocument.Parse(args[args.IndexOf("--static-oauth-client-info") + 1]).RootElement;
        Assert.Equal("their-client", clientInfo.GetProperty("client_id").GetString());
    }

    [Fact]
    public void Claude_code_and_the_url_itself_name_the_same_mcp_url()
    {
        var configurations = For();

        Assert.Equal($"claude mcp add --transport http {GatewayClientConfigurations.ServerName} {McpUrl}", configurations[GatewayClientConfigurations.ClaudeCodeProperty]);
        Assert.Equal(McpUrl, configurations[GatewayClientConfigurations.McpUrlProperty]);
        Assert.All(configurations.Keys, name => Assert.StartsWith("mcpsecure.", name));
    }
}
