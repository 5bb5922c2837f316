using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using McpSecure.GatewayIdentity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecure.UnitTests.Gateway;

/// <summary>The whole gateway pipeline in process: challenges, proxying, identity forwarding, origins, discovery, telemetry.</summary>
[Collection(GatewayTracesCollection.Name)]
public sealed class GatewayPipelineTests(GatewayApp app) : IClassFixture<GatewayApp>
{
    private const string ResourceMetadata = GatewayApp.PublicBaseUrl + "/.well-known/oauth-protected-resource/mcp";

    [Fact]
    public async Task Request_without_token_gets_401_that_names_the_metadata_and_the_required_scope()
    {
        using var response = await PostMcpAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"Bearer resource_metadata=\"{ResourceMetadata}\", scope=\"mcp:tools prometheus:read\"", response.Headers.WwwAuthenticate.ToString());
        var body = await ErrorAsync(response);
        Assert.Equal("unauthorized", body.Error);
    }

    [Fact]
    public async Task Valid_token_is_proxied_without_the_token_and_with_exactly_one_identity_signed_by_the_gateway()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        var spoofed = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayIdentityDefaults.Issuer, Audience = GatewayIdentityDefaults.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "bob-id" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[48]), SecurityAlgorithms.HmacSha256),
        });

        using var response = await PostMcpAsync(token, request =>
        {
            request.Headers.Add(GatewayIdentityDefaults.HeaderName, spoofed);
            request.Headers.Add("X-McpSecure-Roles", "admin");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = app.Upstream.Received.Last();
        Assert.False(headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(headers.Keys, name => name.Equals("X-McpSecure-Roles", StringComparison.OrdinalIgnoreCase));
        var identity = Assert.Single(headers[GatewayIdentityDefaults.HeaderName]);
        var verified = await new JsonWebTokenHandler().ValidateTokenAsync(identity, new TokenValidationParameters
        {
            ValidIssuer = GatewayIdentityDefaults.Issuer,
            ValidAudience = GatewayIdentityDefaults.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(GatewayApp.SigningKey)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        });
        Assert.True(verified.IsValid, verified.Exception?.Message);
        Assert.Equal("alice-id", verified.Claims["sub"]);
        Assert.Equal("mcp-client", verified.Claims["client_id"]);
    }

    [Fact]
    public async Task With_forward_access_token_the_mcp_server_gets_the_callers_own_token_beside_the_signed_identity()
    {
        using var gateway = new GatewayApp();
        gateway.Settings["Gateway:IdentityForwarding:ForwardAccessToken"] = "true";
        using var client = gateway.CreateClient();
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = gateway.Upstream.Received.Last();
        Assert.Equal($"Bearer {token}", Assert.Single(headers["Authorization"]));
        Assert.Single(headers[GatewayIdentityDefaults.HeaderName]);
    }

    [Fact]
    public async Task Token_without_the_required_scope_gets_403_insufficient_scope_with_the_scope_to_request()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri,
            d => d.Subject = new([new("sub", "alice-id"), new("scope", "openid profile")]));

        using var response = await PostMcpAsync(token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        const string description = "The token lacks a required scope; request: mcp:tools.";
        Assert.Equal($"Bearer resource_metadata=\"{ResourceMetadata}\", error=\"insufficient_scope\", error_description=\"{description}\", scope=\"mcp:tools prometheus:read\"",
            response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(("insufficient_scope", description), await ErrorAsync(response));
    }

    [Fact]
    public async Task Request_from_a_foreign_origin_is_refused_before_authentication_and_an_allowed_one_gets_cors()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);

        using var foreign = await PostMcpAsync(token, request => request.Headers.Add("Origin", "http://evil.test"));
        using var allowed = await PostMcpAsync(token, request => request.Headers.Add("Origin", GatewayApp.AllowedOrigin));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("origin_not_allowed", (await ErrorAsync(foreign)).Error);
        Assert.Contains("Gateway:AllowedOrigins", (await ErrorAsync(foreign)).Description);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(GatewayApp.AllowedOrigin, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Protected_resource_metadata_is_built_from_the_public_base_url_not_the_host_header()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-protected-resource/mcp");
        request.Headers.Host = "attacker.test";
        request.Headers.Add("X-Forwarded-Host", "attacker.test");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(GatewayApp.ResourceUri, document.RootElement.GetProperty("resource").GetString());
        Assert.Equal([FakeIdentityProvider.Issuer], document.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], document.RootElement.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Authorization_server_metadata_is_mirrored_from_the_provider()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(FakeIdentityProvider.Issuer, document.RootElement.GetProperty("issuer").GetString());
        Assert.Equal(FakeIdentityProvider.JwksUri, document.RootElement.GetProperty("jwks_uri").GetString());
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Refusals_are_counted_by_reason_and_proxied_requests_by_outcome_and_the_trace_names_the_caller()
    {
        var meterFactory = app.Services.GetRequiredService<IMeterFactory>();
        var measurements = new List<(string Instrument, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == "McpSecure.Gateway")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        }
        meters.SetMeasurementEventCallback<long>(Record);
        meters.SetMeasurementEventCallback<double>(Record);
        meters.Start();

        var subject = $"traced-{Guid.NewGuid():N}";
        var activities = new List<Activity>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(traces);

        var expired = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddHours(-2);
            d.Expires = DateTime.UtcNow.AddHours(-1);
        });
        using (await PostMcpAsync(expired)) { }
        using (await PostMcpAsync(FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri,
                   d => d.Subject = new([new("sub", subject), new("scope", "mcp:tools")])))) { }

        // The request's activity stops, and its last measurements are taken, after the client has the response.
        await EventuallyAsync(() =>
        {
            lock (measurements)
            {
                lock (activities)
                {
                    return activities.Any(a => a.GetTagItem("enduser.id") as string == subject) &&
                           measurements.Any(m => m.Instrument == "mcpsecure.gateway.upstream.duration");
                }
            }
        });
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Instrument == "mcpsecure.gateway.auth_failures" && Equals(m.Tags["reason"], "expired"));
            Assert.Contains(measurements, m => m.Instrument == "mcpsecure.gateway.requests" &&
                                               Equals(m.Tags["outcome"], "unauthorized") && Equals(m.Tags["reason"], "expired"));
            Assert.Contains(measurements, m => m.Instrument == "mcpsecure.gateway.requests" && Equals(m.Tags["outcome"], "proxied") &&
                                               Equals(m.Tags["http.response.status_code"], 200));
            Assert.Contains(measurements, m => m.Instrument == "mcpsecure.gateway.upstream.duration" &&
                                               Equals(m.Tags["http.response.status_code"], 200));
        }
        lock (activities)
        {
            Assert.Contains(activities, a => a.GetTagItem("enduser.id") as string == subject);
        }
    }

    /// <summary>Waits up to 10 s for <paramref name="condition"/>; the assertions after it say what was missing.</summary>
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var waited = 0; waited < 10_000 && !condition(); waited += 50)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Requests_with_the_same_token_forward_the_same_signed_identity_and_another_token_its_own()
    {
        var token = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri);
        var other = FakeIdentityProvider.CreateToken(GatewayApp.ResourceUri, d => d.Subject.AddClaim(new System.Security.Claims.Claim("name", "Alice B")));

        var identities = new List<string>();
        foreach (var t in new[] { token, token, other })
        {
            using var response = await PostMcpAsync(t);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            identities.Add(Assert.Single(app.Upstream.Received.Last()[GatewayIdentityDefaults.HeaderName]));
        }

        Assert.Equal(identities[0], identities[1]);
        Assert.NotEqual(identities[0], identities[2]);
    }

    private async Task<HttpResponseMessage> PostMcpAsync(string? token, Action<HttpRequestMessage>? customize = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        customize?.Invoke(request);
        return await client.SendAsync(request);
    }

    internal static async Task<(string Error, string Description)> ErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (document.RootElement.GetProperty("error").GetString()!, document.RootElement.GetProperty("error_description").GetString()!);
    }
}
