using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost with the gateway in RFC 7662 introspection mode, by configuration alone, in front of the npm
/// <c>oidc-provider</c> issuing opaque access tokens. Verdicts are cached for two seconds so that revocation is observable.
/// </summary>
public sealed class IntrospectionAppFixture : OidcProviderAppFixture
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(2);

    public override async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = (await TestAppHost.CreateEmbeddedAsync(DataPath, [$"--McpSecure:ExternalIssuer={Issuer}"], cts.Token))
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__Mode", "Introspection")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__ClientId", "mcp-gateway")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__ClientSecret", "gateway-dev-secret")
            .WithResourceEnvironment("gateway", "Gateway__TokenValidation__CacheDuration", CacheDuration.ToString());

        await StartAppAsync(builder, cts.Token);
        await StartProviderAsync("opaque", cts.Token);
    }
}
