using McpSecure.Gateway.Configuration;

namespace McpSecure.Gateway.Proxy;

/// <summary>
/// How long the gateway waits for the MCP server, and how it notices that the server is gone. Section
/// <c>Gateway:Upstream</c>; checked at start-up by <see cref="UpstreamOptionsValidator"/>.
/// </summary>
public sealed class UpstreamOptions
{
    public const string SectionName = GatewayOptions.SectionName + ":Upstream";

    /// <summary>
    /// The longest wait for the MCP server's response headers (its first byte), connection included. A stopped server
    /// behind a proxy that still accepts connections, or a hung process, is answered with 502 after this time instead
    /// of holding the client. MCP servers built on the official SDKs send their headers as soon as they start work, so
    /// a long tool call is not cut short by it; raise it for servers that answer a whole JSON body at the end.
    /// </summary>
    public TimeSpan ResponseHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest silence on a request or response once it flows (SSE streams stay open while tools run).</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the MCP server is taken out after a request to it failed (no answer in time, connection refused):
    /// meanwhile requests are answered at once with 503. It is tried again afterwards.
    /// </summary>
    public TimeSpan UnavailablePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The MCP server's health endpoint (e.g. <c>/health</c>), probed every <see cref="HealthCheckInterval"/>; two
    /// failed probes take it out until a probe succeeds. Empty (the default): no active probing, because not every MCP
    /// server has one. The AppHost sets it for the project-based servers (they all map <c>/health</c>).
    /// </summary>
    public string? HealthCheckPath { get; set; }

    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A probe that has no answer within this time counts as failed.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether <see cref="HealthCheckPath"/> is set.</summary>
    public bool ActiveHealthChecks => !string.IsNullOrWhiteSpace(HealthCheckPath);

    /// <summary>What <c>Retry-After</c> says on 502/503: when the gateway will try the server again, in whole seconds.</summary>
    public int RetryAfterSeconds =>
        (int)Math.Ceiling((ActiveHealthChecks && HealthCheckInterval > UnavailablePeriod ? HealthCheckInterval : UnavailablePeriod).TotalSeconds);
}
