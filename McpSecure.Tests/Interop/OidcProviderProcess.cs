using System.Diagnostics;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>
/// The npm <c>oidc-provider</c> as a child process: the provider the gateway trusts directly (tools/oidc-provider/server.mjs),
/// or the organisation's provider for federation tests (upstream.mjs: no dynamic registration, one pre-registered
/// confidential client whose only redirect URI is McpSecure.Identity's <c>/federation/callback</c>; its own login page
/// accepts any user name with any password).
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private OidcProviderProcess(Process process, int port)
    {
        _process = process;
        Issuer = $"http://localhost:{port}";
    }

    public string Issuer { get; }

    /// <summary>What the provider printed so far (upstream.mjs prints the SHA-256 of every token presented to it).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the provider for <paramref name="resource"/> and waits until its discovery document answers.</summary>
    public static Task<OidcProviderProcess> StartAsync(int port, Uri resource, string tokenFormat, CancellationToken cancellationToken) =>
        StartScriptAsync("server.mjs", port, [resource.AbsoluteUri, tokenFormat], cancellationToken);

    /// <summary>Starts the upstream provider of federation mode, its one client redirecting to <paramref name="redirectUri"/>.</summary>
    public static Task<OidcProviderProcess> StartUpstreamAsync(int port, Uri redirectUri, string clientId, string clientSecret,
        CancellationToken cancellationToken) =>
        StartScriptAsync("upstream.mjs", port, [redirectUri.AbsoluteUri, clientId, clientSecret], cancellationToken);

    private static async Task<OidcProviderProcess> StartScriptAsync(string script, int port, string[] arguments, CancellationToken cancellationToken)
    {
        var process = Process.Start(new ProcessStartInfo(RepositoryTools.Node22, [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments])
        {
            WorkingDirectory = RepositoryTools.NpmTool("oidc-provider"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var provider = new OidcProviderProcess(process, port);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                provider._output.Enqueue(data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = EmbeddedAppFixture.CreateRawClient();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"oidc-provider ({script}) exited with code {process.ExitCode}.");
            }
            try
            {
                using var discovery = await http.GetAsync($"{provider.Issuer}/.well-known/openid-configuration", cancellationToken);
                if (discovery.IsSuccessStatusCode)
                {
                    return provider;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
