namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>A valid MCP request through the gateway, timed from send to the last byte of the answer.</summary>
internal static class TimedMcpRequests
{
    public static async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> PostMcpAsync(this GatewayApp gateway)
    {
        using var client = gateway.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri));
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
