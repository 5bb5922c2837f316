using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>Request body and header sizes on a real Kestrel (in process), and the per-user request rate.</summary>
public sealed class GatewayLimitsTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Fact]
    public async Task Body_announced_over_the_limit_gets_413_with_a_json_error_and_never_reaches_the_server()
    {
        using var gateway = Gateway(("Gateway:Limits:MaxRequestBodySize", "2048"));
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(McpPost(new string('x', 2049)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(("invalid_request", "The request body (2049 bytes) is larger than the gateway accepts (2048 bytes, Gateway:Limits:MaxRequestBodySize)."), await ErrorAsync(response));
        Assert.Empty(gateway.Upstream.Received);

        using var small = await client.SendAsync(McpPost(Ping));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_cut_by_kestrel_and_answered_413()
    {
        var upstream = new BodyReadingUpstream();
        using var gateway = Gateway(("Gateway:Limits:MaxRequestBodySize", "2048"));
        using var kestrel = KestrelGateway(gateway, upstream);
        using var client = kestrel.CreateClient();

        using var response = await client.SendAsync(McpPost(new string('x', 64 * 1024), chunked: true));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("invalid_request", (await ErrorAsync(response)).Error);
        using var small = await client.SendAsync(McpPost(Ping, chunked: true));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task Headers_over_the_configured_total_size_get_431_from_kestrel()
    {
        using var gateway = Gateway(("Gateway:Limits:MaxRequestHeadersTotalSize", "8192"));
        using var kestrel = KestrelGateway(gateway, new BodyReadingUpstream());
        using var client = kestrel.CreateClient();

        var large = McpPost(Ping);
        large.Headers.Add("X-Padding", new string('p', 10 * 1024));
        using var refused = await client.SendAsync(large);
        var fits = McpPost(Ping);
        fits.Headers.Add("X-Padding", new string('p', 4 * 1024));
        using var accepted = await client.SendAsync(fits);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Each_user_gets_the_permit_limit_then_429_with_retry_after_while_another_user_at_the_same_address_is_served()
    {
        using var gateway = Gateway(("Gateway:Limits:RequestsPerUser:PermitLimit", "3"), ("Gateway:Limits:RequestsPerUser:Window", "00:01:00"));
        using var client = gateway.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var served = await client.SendAsync(McpPost(Ping, token: Token("alice-id")));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        using var limited = await client.SendAsync(McpPost(Ping, token: Token("alice-id")));
        using var otherUser = await client.SendAsync(McpPost(Ping, token: Token("bob-id")));
        using var noToken = await client.SendAsync(McpPost(Ping, token: ""));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var (error, description) = await ErrorAsync(limited);
        Assert.Equal("rate_limit_exceeded", error);
        Assert.Equal($"Too many requests for this user: at most 3 per 60 s; retry in {retryAfter.Value.TotalSeconds} s.", description);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(4, gateway.Upstream.Received.Count);
    }

    [Fact]
    public async Task Defaults_let_a_burst_of_a_hundred_requests_of_one_user_through()
    {
        using var gateway = new GatewayApp();
        using var client = gateway.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await client.SendAsync(McpPost(Ping));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private static GatewayApp Gateway(params (string Key, string Value)[] settings)
    {
        var gateway = new GatewayApp();
        foreach (var (key, value) in settings)
        {
            gateway.Settings[key] = value;
        }
        return gateway;
    }

    /// <summary>The gateway on a real Kestrel (loopback, a port of its own): TestServer enforces no size limits.</summary>
    private static KestrelGateway KestrelGateway(GatewayApp gateway, BodyReadingUpstream upstream) => new(gateway, upstream);

    private static string Token(string subject) => FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri,
        d => d.Subject = new([new("sub", subject), new("scope", "openid mcp:tools"), new("client_id", "mcp-client")]));

    private static HttpRequestMessage McpPost(string body, bool chunked = false, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) : new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        token ??= FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        if (token.Length > 0)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        return request;
    }

    private static async Task<(string Error, string Description)> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("error").GetString()!, body.RootElement.GetProperty("error_description").GetString()!);
    }
}
