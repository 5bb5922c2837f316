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
public sealed class OpenIddictStartupCheck(
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

        logger.LogInformation(
            "OpenIddict server ready: issuer {Issuer}, signing key {KeyId}, resources {Resources}",
            server.Issuer, server.SigningCredentials[0].Kid, server.Resources.Select(resource => resource.AbsoluteUri));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
