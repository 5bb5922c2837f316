using Xunit.Abstractions;

namespace McpSecure.Tests.Interop;

/// <summary>
/// Both apps in front of the npm <c>oidc-provider</c>, started side by side (most of a start is waiting for processes,
/// which the other start fills), each with a provider of its own: <see cref="ExternalProvider"/> (JWT access tokens,
/// the gateway's registration facade) and <see cref="Introspection"/> (opaque tokens, RFC 7662).
/// </summary>
public sealed class OidcProviderAppsFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public ExternalProviderAppFixture ExternalProvider { get; } = new(diagnostics);
    public IntrospectionAppFixture Introspection { get; } = new(diagnostics);

    public async Task InitializeAsync()
    {
        try
        {
            await Task.WhenAll(ExternalProvider.InitializeAsync(), Introspection.InitializeAsync());
        }
        catch
        {
            // What did start is stopped before the failure is reported.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await ExternalProvider.DisposeAsync();
        await Introspection.DisposeAsync();
    }
}
