using System.Diagnostics;
using System.Text;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// One run of the official MCP conformance suite's <c>authorization</c> scenarios (<c>@modelcontextprotocol/conformance</c>,
/// pinned in tools/conformance, on the Node 22 that comes with it) against an authorization server. The suite prints
/// the authorization URL for a person to open and waits at its callback server; this run plays the person with the
/// browser-like <see cref="HttpLoginBrowser"/>: it follows every redirect, signs in at whatever login page it meets
/// (McpSecure.Identity's own, or in federation mode the organisation's provider's), approves the consent pages, and
/// delivers the redirect to the suite's callback. Returns the suite's checks after asserting it exited with 0.
/// </summary>
public static class ConformanceSuiteRun
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    public sealed record Check(string Id, string Status);

    public static async Task<IReadOnlyList<Check>> RunAsync(string issuer, Uri mcpUrl, string specVersion, string username, string password,
        Xunit.Abstractions.ITestOutputHelper log)
    {
        var node = RepositoryTools.Node22;
        var suite = RepositoryTools.ConformanceSuite;

        var callbackPort = Loopback.FreeTcpPort();
        var redirectUri = $"http://127.0.0.1:{callbackPort}/callback";
        var results = Directory.CreateTempSubdirectory("mcpsecure-conformance-").FullName;
        var startInfo = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryTools.NpmTool("conformance"),
        };
        foreach (var argument in new[]
        {
            suite, "authorization",
            "--url", issuer,
            "--client-id", AuthorizationRequest.PublicClientId,
            "--resource", mcpUrl.AbsoluteUri,
            "--port", callbackPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--output-dir", results,
            "--spec-version", specVersion,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var authorizationUrl = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var authorizeEndpoint = Identity.IdentityBrowser.AuthorizationEndpoint(new Uri(issuer)).AbsoluteUri + "?";
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line.Data);
            }
            if (line.Data.StartsWith(authorizeEndpoint, StringComparison.Ordinal))
            {
                authorizationUrl.TrySetResult(new Uri(line.Data.Trim()));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        };

        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(RunTimeout);
            try
            {
                var url = await authorizationUrl.Task.WaitAsync(timeout.Token);
                var outcome = await HttpLoginBrowser.AuthorizeAsync(url, redirectUri, username, password, cancellationToken: timeout.Token);
                Assert.True(outcome.ReachedClient, $"The provider refused the suite's authorization request: {outcome.Describe()}");

                // The browser follows the redirect to the suite's callback server.
                using var browser = EmbeddedAppFixture.CreateRawClient();
                using var callback = await browser.GetAsync(outcome.RedirectedTo, timeout.Token);

                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The conformance suite did not finish within {RunTimeout}:\n{Snapshot(output)}");
            }

            var report = Snapshot(output);
            log.WriteLine(report);
            Assert.True(process.ExitCode == 0, $"The conformance suite reported failures (exit code {process.ExitCode}):\n{report}");
            var files = Directory.GetFiles(results, "checks.json", SearchOption.AllDirectories);
            Assert.True(files.Length >= 2, $"Expected the results of both authorization scenarios in {results}:\n{report}");
            return files
                .SelectMany(file => System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray())
                .Select(check => new Check(check.GetProperty("id").GetString()!, check.GetProperty("status").GetString()!))
                .ToList();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            TempFolder.TryDelete(results);
        }
    }

    /// <summary>The checks every run must pass: metadata, the code grant, and Client ID Metadata Documents advertised (a SHOULD since 2025-11-25); then all of them.</summary>
    public static void AssertAllPassed(IReadOnlyList<Check> checks)
    {
        Assert.Contains(checks, check => check is { Id: "authorization-server-metadata", Status: "SUCCESS" });
        Assert.Contains(checks, check => check is { Id: "authorization-code-grant", Status: "SUCCESS" });
        Assert.Contains(checks, check => check is { Id: "authorization-server-metadata-cimd", Status: "SUCCESS" });
        var notPassed = checks.Where(check => check.Status != "SUCCESS").ToList();
        Assert.True(notPassed.Count == 0, $"Checks that did not pass: {string.Join(", ", notPassed)}");
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
