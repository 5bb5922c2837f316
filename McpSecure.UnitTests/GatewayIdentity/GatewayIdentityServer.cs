using System.Security.Claims;
using McpSecure.GatewayIdentity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace McpSecure.UnitTests.GatewayIdentity;

/// <summary>
/// An in-process MCP-server stand-in that registers the gateway identity scheme the way an MCP server does, with one
/// endpoint per policy that echoes the caller it sees.
/// </summary>
internal sealed class GatewayIdentityServer : IAsyncDisposable
{
    public const string Key = "unit-test-gateway-identity-key-0123456789";

    private readonly WebApplication _app;

    private GatewayIdentityServer(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public static async Task<GatewayIdentityServer> StartAsync(string? signingKey = Key)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        if (signingKey is not null)
        {
            builder.Configuration[$"{GatewayIdentityDefaults.SectionName}:SigningKey"] = signingKey;
        }
        builder.Services.AddAuthentication(GatewayIdentityDefaults.AuthenticationScheme)
            .AddGatewayIdentity(options => options.TimeProvider = time);
        builder.Services.AddAuthorizationBuilder().AddGatewayIdentityPolicies();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/required", Describe).RequireAuthorization(GatewayIdentityDefaults.RequireCallerPolicy);
        app.MapGet("/optional", Describe).RequireAuthorization(GatewayIdentityDefaults.VerifiedOrAnonymousPolicy);
        await app.StartAsync();
        return new GatewayIdentityServer(app, time);
    }

    public GatewayIdentityTokenWriter Writer(string key = Key) => new(key, Time);

    public Task<HttpResponseMessage> GetAsync(string path, params string[] identities)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var identity in identities)
        {
            request.Headers.TryAddWithoutValidation(GatewayIdentityDefaults.HeaderName, identity);
        }
        return Client.SendAsync(request);
    }

    public static ClaimsPrincipal User(string subject, string scope = "mcp:tools", params string[] roles) =>
        new(new ClaimsIdentity(
            [
                new Claim("sub", subject), new Claim("preferred_username", subject), new Claim("scope", scope),
                new Claim("client_id", "mcp-client"), .. roles.Select(role => new Claim("role", role)),
            ], "Bearer"));

    private static string Describe(HttpContext context) =>
        GatewayCaller.From(context.User) is { } caller
            ? $"{caller.Subject}|{caller.Username}|{string.Join(' ', caller.Scopes.Order())}|{string.Join(' ', caller.Roles.Order())}|{caller.ClientId}"
            : "anonymous";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
