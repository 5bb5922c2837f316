using System.Diagnostics;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Interop;

/// <summary>The npm <c>oidc-provider</c> test provider (tools/oidc-provider/server.mjs) as a child process.</summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private OidcProviderProcess(Process process, int port)
    {
        _process = process;
        Issuer = $"http://localhost:{port}";
    }

    public string Issuer { get; }

    /// <summary>Starts the provider for <paramref name="resource"/> and waits until its discovery document answers.</summary>
    public static async Task<OidcProviderProcess> StartAsync(int port, Uri resource, string tokenFormat, CancellationToken cancellationToken)
    {
        var process = Process.Start(new ProcessStartInfo(RepositoryTools.Node22, ["server.mjs", port.ToString(), resource.AbsoluteUri, tokenFormat])
        {
            WorkingDirectory = RepositoryTools.NpmTool("oidc-provider"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new OidcProviderProcess(process, port);

        using var http = EmbeddedAppFixture.CreateRawClient();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"oidc-provider exited with code {process.ExitCode}.");
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
