using McpSecure.Identity.Keys;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace McpSecure.Identity.OpenIddictServer;

/// <summary>
/// Builds the OpenIddict server options at start-up instead of on the first request, so that the
/// signing key exists on disk before the provider reports healthy and configuration errors stop the
/// process immediately.
/// </summary>
internal sealed partial class OpenIddictStartupCheck(
    IOptionsMonitor<OpenIddictServerOptions> serverOptions,
    ServerKeyRing keys,
    IOptionsMonitor<OpenIddictServerAspNetCoreOptions> aspNetCoreOptions,
    ILogger<OpenIddictStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var server = serverOptions.CurrentValue;
        _ = aspNetCoreOptions.CurrentValue;

        var signingKeyId = server.SigningCredentials[0].Kid;
        if (signingKeyId != keys.SigningKeys.Active.KeyId)
        {
            throw new InvalidOperationException(
                $"OpenIddict would sign with key '{signingKeyId}' instead of the active key '{keys.SigningKeys.Active.KeyId}'.");
        }

        LogReady(logger, server.Issuer, signingKeyId, server.Resources.Select(resource => resource.AbsoluteUri));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "OpenIddict server ready: issuer {Issuer}, signing key {KeyId}, resources {Resources}")]
    private static partial void LogReady(ILogger logger, Uri? issuer, string keyId, IEnumerable<string> resources);
}
