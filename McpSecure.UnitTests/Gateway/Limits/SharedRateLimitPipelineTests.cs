using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpSecure.Gateway.Limits.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace McpSecure.UnitTests.Gateway.Limits;

/// <summary>
/// Two real gateways (their Program and rate-limiting middleware) sharing one fake store: the per-user limit is counted
/// across both; when the store fails each counts on its own and /health says Degraded. The real Redis is in the
/// end-to-end layer.
/// </summary>
public sealed class SharedRateLimitPipelineTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    [Fact]
    public async Task Two_gateways_on_one_store_hold_the_limit_together_per_subject_with_retry_after()
    {
        var store = new FakeCounterStore(TimeProvider.System);
        using var gatewayA = Gateway(store);
        using var gatewayB = Gateway(store);
        using var clientA = gatewayA.CreateClient();
        using var clientB = gatewayB.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? lastRefusal = null;
        for (var i = 0; i < 6; i++)
        {
            foreach (var client in new[] { clientA, clientB })
            {
                var response = await client.SendAsync(McpPost(Token("alice-id")));
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    lastRefusal?.Dispose();
                    lastRefusal = response;
                }
                else
                {
                    response.Dispose();
                }
            }
        }
        using var bobOnA = await clientA.SendAsync(McpPost(Token("bob-id")));
        using var bobOnB = await clientB.SendAsync(McpPost(Token("bob-id")));

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(10));
        Assert.NotNull(lastRefusal);
        Assert.InRange(lastRefusal.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        using (var body = JsonDocument.Parse(await lastRefusal.Content.ReadAsStringAsync()))
        {
            Assert.Equal("rate_limit_exceeded", body.RootElement.GetProperty("error").GetString());
        }
        lastRefusal.Dispose();
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (bobOnA.StatusCode, bobOnB.StatusCode));
        Assert.Equal(2, store.Keys.Count);
        Assert.All(store.Keys, key => Assert.DoesNotContain("alice", key, StringComparison.Ordinal));
        Assert.Equal(12, gatewayA.Upstream.Received.Count + gatewayB.Upstream.Received.Count); // ten of alice, two of bob
    }

    [Fact]
    public async Task A_failing_store_leaves_each_gateway_limiting_on_its_own_and_health_degraded_not_unhealthy()
    {
        var store = new FakeCounterStore(TimeProvider.System) { Failure = RedisFailures.Unreachable(ConnectionFailureType.UnableToConnect) };
        using var gateway = Gateway(store);
        using var client = gateway.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await client.SendAsync(McpPost(Token("alice-id")));
            statuses.Add(response.StatusCode);
        }
        using var health = await client.GetAsync("/health");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_redis_the_gateway_never_uses_a_store()
    {
        var store = new FakeCounterStore(TimeProvider.System);
        using var gateway = Gateway(store, redis: null);
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(McpPost(Token("alice-id")));
        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, store.Calls);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    private static GatewayApp Gateway(FakeCounterStore store, string? redis = "127.0.0.1:1")
    {
        var gateway = new GatewayApp
        {
            TestServices = services => services.Replace(ServiceDescriptor.Singleton<IRateLimitCounterStore>(store)),
        };
        gateway.Settings["Gateway:Limits:RequestsPerUser:PermitLimit"] = "10";
        gateway.Settings["Gateway:Limits:RequestsPerUser:Redis"] = redis;
        return gateway;
    }

    private static string Token(string subject) => FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri,
        d => d.Subject = new([new("sub", subject), new("scope", "openid mcp:tools"), new("client_id", "mcp-client")]));

    private static HttpRequestMessage McpPost(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Ping, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        return request;
    }
}
