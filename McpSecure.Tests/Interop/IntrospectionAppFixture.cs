using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost with the gateway in RFC 7662 introspection mode, by configuration alone, in front of the npm
/// <c>oidc-provider</c> issuing opaque access tokens. Verdicts are cached for two seconds so that revocation is observable.
/// </summary>
public sealed class IntrospectionAppFixture(IMessageSink diagnostics) : OidcProviderAppFixture(diagnostics)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, [$"--McpSecure:ExternalIssuer={Issuer}"], cancellationToken))
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__Mode", "Introspection")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__ClientId", "mcp-gateway")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__ClientSecret", "gateway-dev-secret")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__CacheDuration", CacheDuration.ToString());

        await StartAppAsync(builder, cancellationToken);
        await StartProviderAsync("opaque", cancellationToken);
    }
}
