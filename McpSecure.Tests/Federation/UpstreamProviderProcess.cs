using System.Diagnostics;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The organisation's provider for federation tests: the npm <c>oidc-provider</c> (tools/oidc-provider/upstream.mjs)
/// without dynamic registration, with one pre-registered confidential client whose only redirect URI is
/// McpSecure.Identity's <c>/federation/callback</c>. Its own login page accepts any user name with any password.
/// </summary>
public sealed class UpstreamProviderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private UpstreamProviderProcess(Process process, int port)
    {
        _process = process;
        Issuer = $"http://localhost:{port}";
    }

    public string Issuer { get; }

    public static async Task<UpstreamProviderProcess> StartAsync(int port, Uri redirectUri, string clientId, string clientSecret,
        CancellationToken cancellationToken)
    {
        var process = Process.Start(new ProcessStartInfo(RepositoryTools.Node22,
            ["upstream.mjs", port.ToString(), redirectUri.AbsoluteUri, clientId, clientSecret])
        {
            WorkingDirectory = RepositoryTools.NpmTool("oidc-provider"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new UpstreamProviderProcess(process, port);

        using var http = EmbeddedAppFixture.CreateRawClient();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the upstream oidc-provider exited with code {process.ExitCode}.");
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
