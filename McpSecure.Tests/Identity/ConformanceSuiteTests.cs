using System.Diagnostics;
using System.Text;
using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// The official MCP conformance suite (<c>@modelcontextprotocol/conformance</c>, pinned in tools/conformance, on the
/// Node 22 that comes with it) runs its authorization-server scenarios against McpSecure.Identity. The suite prints
/// the authorization URL for a person to open; this test plays the person: it signs in as alice with the same
/// browser-like client as the other tests and delivers the redirect to the suite's callback server.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ConformanceSuiteTests(EmbeddedAppFixture fixture, Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task Authorization_server_scenarios_of_the_official_conformance_suite_pass(string specVersion)
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
            "--url", fixture.Issuer,
            "--client-id", AuthorizationRequest.PublicClientId,
            "--resource", fixture.McpUrl.AbsoluteUri,
            "--port", callbackPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--output-dir", results,
            "--spec-version", specVersion,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var authorizationUrl = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var authorizeEndpoint = IdentityBrowser.AuthorizationEndpoint(new Uri(fixture.Issuer)).AbsoluteUri + "?";
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

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            var url = await authorizationUrl.Task.WaitAsync(timeout.Token);
            var outcome = await HttpLoginBrowser.AuthorizeAsync(url, redirectUri, "alice", "alice-dev-password");
            Assert.True(outcome.ReachedClient, $"The provider refused the suite's authorization request: {outcome.Describe()}");

            // The browser follows the redirect to the suite's callback server.
            using var browser = EmbeddedAppFixture.CreateRawClient();
            using var callback = await browser.GetAsync(outcome.RedirectedTo, timeout.Token);

            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The conformance suite did not finish within {RunTimeout}:\n{Snapshot(output)}");
        }

        var report = Snapshot(output);
        log.WriteLine(report);
        Assert.True(process.ExitCode == 0, $"The conformance suite reported failures (exit code {process.ExitCode}):\n{report}");
        var files = Directory.GetFiles(results, "checks.json", SearchOption.AllDirectories);
        Assert.True(files.Length >= 2, $"Expected the results of both authorization scenarios in {results}:\n{report}");
        var checks = files
            .SelectMany(file => System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray())
            .Select(check => (Id: check.GetProperty("id").GetString()!, Status: check.GetProperty("status").GetString()!))
            .ToList();
        Directory.Delete(results, recursive: true);

        Assert.Contains(checks, check => check is { Id: "authorization-server-metadata", Status: "SUCCESS" });
        Assert.Contains(checks, check => check is { Id: "authorization-code-grant", Status: "SUCCESS" });
        // Client ID Metadata Documents are supported and advertised (a SHOULD since 2025-11-25).
        Assert.Contains(checks, check => check is { Id: "authorization-server-metadata-cimd", Status: "SUCCESS" });
        var notPassed = checks.Where(check => check.Status != "SUCCESS").ToList();
        Assert.True(notPassed.Count == 0, $"Checks that did not pass: {string.Join(", ", notPassed)}\n{report}");
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
