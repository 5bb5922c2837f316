using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Template;

/// <summary>What an MCP client finds from a gateway's URL alone: the 401 challenge, the RFC 9728 metadata, the issuer.</summary>
internal static partial class GatewayDiscovery
{
    public sealed record Discovered(string Resource, Uri Issuer);

    /// <summary>POSTs <c>initialize</c> without a token, asserts the 401 names the metadata, and reads the resource and issuer there.</summary>
    public static async Task<Discovered> DiscoverAsync(Uri mcpUrl)
    {
        var answer = await McpHttp.InitializeAsync(mcpUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        var metadataUrl = ResourceMetadata().Match(answer.Challenge);
        Assert.True(metadataUrl.Success, $"No resource_metadata in the challenge '{answer.Challenge}'.");

        using var http = EmbeddedAppFixture.CreateRawClient();
        var metadata = await http.GetFromJsonAsync<JsonElement>(metadataUrl.Groups["url"].Value);
        var issuer = Assert.Single(metadata.GetProperty("authorization_servers").EnumerateArray()).GetString()!;
        return new Discovered(metadata.GetProperty("resource").GetString()!, new Uri(issuer));
    }

    [GeneratedRegex(@"resource_metadata=""(?<url>[^""]+)""")]
    private static partial Regex ResourceMetadata();
}
