namespace McpSecure.Tests.Infrastructure;

/// <summary>One started AppHost and the URLs the tests use: the gateway's, its <c>/mcp</c> and McpSecure.Identity's.</summary>
public sealed class RunningApp(DistributedApplication app) : IAsyncDisposable
{
    public DistributedApplication App { get; } = app;
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");
    public Uri McpUrl => new(GatewayUrl, "/mcp");
    public Uri IdentityUrl => App.GetEndpoint("identity", "http");

    /// <summary>McpSecure.Identity's issuer, as in its tokens (OpenIddict's trailing slash).</summary>
    public string Issuer => IdentityUrl.AbsoluteUri;

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
