using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Reliability;

/// <summary>
/// The real AppHost in Embedded mode for load and for resource faults (<see cref="LoadTests"/>,
/// <see cref="ResourceFaultTests"/>, one after another; each fault test brings back what it took away): the per-user
/// rate limit off at the gateway (one user sends thousands of requests), everything else as shipped. One real PKCE
/// login; the gateway's process id for its resident memory.
/// </summary>
public sealed class ReliabilityAppFixture(IMessageSink diagnostics) : AppHostFixture(diagnostics, "mcpsecure-reliability-")
{
    /// <summary>alice's access token (scopes mcp:tools and prometheus:read), from a real login.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>The gateway's own process (not a wrapper around it).</summary>
    public int GatewayProcessId { get; private set; }

    /// <summary>Forges tokens with the provider's real signing key (loaded once the provider has started).</summary>
    public TokenForge Forge { get; private set; } = null!;

    /// <summary>A real PKCE login of a dev user for the gateway's resource.</summary>
    public Task<PkceLogin.TokenResponse> LoginAsync(string username, string password, string scopes = AuthorizationRequest.DefaultScopes) =>
        PkceLogin.GetTokenAsync(new Uri(Issuer), McpUrl.AbsoluteUri, username, password, scopes);

    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, cancellationToken: cancellationToken))
            .WithResourceEnvironment("gateway", "Gateway__Limits__RequestsPerUser__PermitLimit", "0");
        await StartAppAsync(builder, cancellationToken);
        foreach (var resource in new[] { "identity", "prometheus", "prometheus-mcp" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
        }
        Token = (await LoginAsync("alice", "alice-dev-password", AuthorizationRequest.DefaultScopes + " prometheus:read")).AccessToken;
        GatewayProcessId = ProcessMemory.FindInTree(await ResourceFaults.ProcessIdAsync(App, "gateway"), "McpSecure.Gateway");
        Forge = new TokenForge(Path.Combine(DataPath, "identity"), Issuer, McpUrl.AbsoluteUri);
    }
}
