using System.Net.Http.Json;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The real AppHost pointed at a second and independent OIDC provider: the certified npm <c>oidc-provider</c>
/// (tools/oidc-provider/server.mjs), which has no dynamic registration, so the gateway's registration facade is on.
/// The app starts before the provider, so the gateway's answer while the provider is unreachable is recorded first.
/// </summary>
public sealed class ExternalProviderAppFixture : OidcProviderAppFixture
{
    public const string PublicClientId = "mcp-client";

    /// <summary>The gateway's authorization-server metadata answer before the provider was started.</summary>
    public (HttpStatusCode Status, string? RetryAfter, JsonElement Body) MetadataWhileProviderDown { get; private set; }

    public override async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        await StartAppAsync(await TestAppHost.CreateEmbeddedAsync(DataPath,
            [$"--McpSecure:ExternalIssuer={Issuer}", $"--McpSecure:ExternalPublicClientId={PublicClientId}"], cts.Token), cts.Token);
        await EmbeddedAppFixture.WaitUntilPrometheusHasScrapedEveryTargetAsync(App, cts.Token);

        using var http = EmbeddedAppFixture.CreateRawClient();
        using (var response = await http.GetAsync(new Uri(GatewayUrl, "/.well-known/oauth-authorization-server"), cts.Token))
        {
            MetadataWhileProviderDown = (response.StatusCode, response.Headers.RetryAfter?.ToString(),
                await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token));
        }

        await StartProviderAsync("jwt", cts.Token);
    }
}
