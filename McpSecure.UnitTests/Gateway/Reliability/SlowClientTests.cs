using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecure.UnitTests.Gateway.Reliability;

/// <summary>
/// Slowloris: many clients trickle their headers or bodies. Kestrel (configured from Gateway:Limits) cuts them off, and
/// meanwhile every other client is served. Proved by what happened to the connections, not by how fast.
/// </summary>
public sealed class SlowClientTests
{
    private const int SlowClients = 50;
    /// <summary>Far above the configured 2 s and below Kestrel's 30 s default: a cut inside it proves our setting acts.</summary>
    private static readonly TimeSpan NotAHang = TimeSpan.FromSeconds(25);

    [Fact]
    public void Slow_client_limits_reach_kestrel()
    {
        using var gateway = Gateway(("Gateway:Limits:RequestHeadersTimeout", "00:00:07"), ("Gateway:Limits:MinRequestBodyDataRate", "123"),
            ("Gateway:Limits:MinRequestBodyDataRateGracePeriod", "00:00:04"));
        var kestrel = gateway.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        Assert.Equal(TimeSpan.FromSeconds(7), kestrel.RequestHeadersTimeout);
        Assert.Equal((123d, TimeSpan.FromSeconds(4)), (kestrel.MinRequestBodyDataRate!.BytesPerSecond, kestrel.MinRequestBodyDataRate.GracePeriod));

        using var off = Gateway(("Gateway:Limits:MinRequestBodyDataRate", "0"));
        Assert.Null(off.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate);
    }

    [Fact]
    public async Task Clients_trickling_their_headers_are_cut_off_and_other_clients_are_served_meanwhile()
    {
        using var gateway = Gateway(("Gateway:Limits:RequestHeadersTimeout", "00:00:02"));
        using var kestrel = new KestrelGateway(gateway, new BodyReadingUpstream());

        var slow = Enumerable.Range(0, SlowClients).Select(i => TrickleAsync(kestrel.Port,
            Encoding.ASCII.GetBytes("POST /mcp HTTP/1.1\r\nHost: localhost\r\n"), i2 => Encoding.ASCII.GetBytes($"X-Slow-{i2}: a\r\n"))).ToList();
        await Task.Delay(500);
        var served = await ServeOthersAsync(kestrel, 20);
        var outcomes = await Task.WhenAll(slow);

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(outcomes, o => Assert.True(o.ClosedByServer, o.ToString()));
        Assert.All(outcomes, o => Assert.True(o.Answer is null or "408", o.ToString()));
    }

    [Fact]
    public async Task Clients_trickling_their_bodies_are_cut_off_and_other_clients_are_served_meanwhile()
    {
        var upstream = new BodyReadingUpstream();
        using var gateway = Gateway(("Gateway:Limits:MinRequestBodyDataRate", "100"), ("Gateway:Limits:MinRequestBodyDataRateGracePeriod", "00:00:02"));
        using var kestrel = new KestrelGateway(gateway, upstream);
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        var head = Encoding.ASCII.GetBytes($"POST /mcp HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n" +
                                           "Accept: application/json, text/event-stream\r\nContent-Length: 100000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"");

        var slow = Enumerable.Range(0, SlowClients).Select(_ => TrickleAsync(kestrel.Port, head, _ => "x"u8.ToArray())).ToList();
        await Task.Delay(500);
        var served = await ServeOthersAsync(kestrel, 20);
        var outcomes = await Task.WhenAll(slow);

        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(outcomes, o => Assert.True(o.ClosedByServer, o.ToString()));
        // Cut while the body trickled: the server either just closes or answers a 4xx first, never a 5xx.
        Assert.All(outcomes, o => Assert.True(o.Answer is null || o.Answer.StartsWith('4'), o.ToString()));
        Assert.Equal(20, upstream.Requests); // none of the trickled bodies was completed and forwarded
    }

    private sealed record Outcome(bool ClosedByServer, string? Answer, TimeSpan After, int PiecesSent);

    /// <summary>Sends <paramref name="start"/>, then one small piece every 300 ms until the server closes the connection.</summary>
    private static async Task<Outcome> TrickleAsync(int port, byte[] start, Func<int, byte[]> piece)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var started = Stopwatch.GetTimestamp();
        await stream.WriteAsync(start);
        var buffer = new byte[1024];
        var reading = stream.ReadAsync(buffer).AsTask();
        var pieces = 0;
        while (Stopwatch.GetElapsedTime(started) < NotAHang)
        {
            if (await Task.WhenAny(reading, Task.Delay(300)) == reading)
            {
                var read = await ReadQuietlyAsync(reading);
                var answer = read > 0 ? Encoding.ASCII.GetString(buffer, 0, read).Split(' ', 3).ElementAtOrDefault(1) : null;
                return new Outcome(true, answer, Stopwatch.GetElapsedTime(started), pieces);
            }
            try
            {
                await stream.WriteAsync(piece(pieces++));
            }
            catch (IOException)
            {
                return new Outcome(true, null, Stopwatch.GetElapsedTime(started), pieces);
            }
        }
        return new Outcome(false, null, Stopwatch.GetElapsedTime(started), pieces);
    }

    private static async Task<int> ReadQuietlyAsync(Task<int> reading)
    {
        try
        {
            return await reading;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<HttpStatusCode[]> ServeOthersAsync(KestrelGateway kestrel, int count)
    {
        using var client = kestrel.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
            {
                Content = new StringContent($$"""{"jsonrpc":"2.0","id":{{i}},"method":"ping"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri));
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return [.. statuses];
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
}
