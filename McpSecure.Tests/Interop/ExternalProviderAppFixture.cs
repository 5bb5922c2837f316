using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost pointed at a second and independent OIDC provider: the certified npm <c>oidc-provider</c>
/// (tools/oidc-provider/server.mjs), which has no dynamic registration, so the gateway's registration facade is on.
/// The app starts before the provider, so the gateway's answer while the provider is unreachable is recorded first.
/// </summary>
public sealed class ExternalProviderAppFixture(IMessageSink diagnostics) : OidcProviderAppFixture(diagnostics)
{
    public const string PublicClientId = "mcp-client";

    /// <summary>The gateway's authorization-server metadata answer before the provider was started.</summary>
    public (HttpStatusCode Status, string? RetryAfter, JsonElement Body) MetadataWhileProviderDown { get; private set; }

    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartAppAsync(await TestAppHost.CreateEmbeddedAsync(DataPath,
            [$"--McpSecure:ExternalIssuer={Issuer}", $"--McpSecure:ExternalPublicClientId={PublicClientId}"], cancellationToken), cancellationToken);
        await EmbeddedAppFixture.WaitUntilPrometheusHasScrapedEveryTargetAsync(App, cancellationToken);

        using var http = EmbeddedAppFixture.CreateRawClient();
        using (var response = await http.GetAsync(new Uri(GatewayUrl, "/.well-known/oauth-authorization-server"), cancellationToken))
        {
            MetadataWhileProviderDown = (response.StatusCode, response.Headers.RetryAfter?.ToString(),
                await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
        }

        await StartProviderAsync("jwt", cancellationToken);
    }
}
