using System.Diagnostics;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// The official MCP conformance suite (@modelcontextprotocol/conformance, tools/conformance) against the Prometheus MCP
/// server, scenario by scenario. Applicable: the scenarios about the protocol and the transport, which any server must pass.
/// Not applicable, because they call fixtures of the suite's reference "everything" server that a Prometheus server does
/// not have (and must not grow):
/// <list type="bullet">
/// <item>tools-call-* (simple-text, image, audio, embedded-resource, mixed-content, with-logging, error, with-progress,
/// sampling, elicitation): call tools named test_simple_text, test_image_content… ; our tool errors are covered by our own tests.</item>
/// <item>elicitation-sep1034-defaults, elicitation-sep1330-enums: call test_elicitation_* tools; and a stateless server cannot
/// send requests to the client.</item>
/// <item>resources-* (list, read-text, read-binary, templates-read, subscribe, unsubscribe): this server offers no resources.</item>
/// <item>prompts-get-* (simple, with-args, embedded-resource, with-image): get prompts named test_simple_prompt…;
/// prompts-list runs, and our prompts are covered by CatalogAndStatusToolTests.</item>
/// <item>completion-complete: completes an argument of the reference server's test prompt; we offer no completions.</item>
/// <item>The scenarios of the 2026-07-28 revision (server-stateless, caching, http-header-validation, input-required-*,
/// tasks-*): run as whole requirement sets, directly and through the gateway, by RequirementsConformanceTests.</item>
/// </list>
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ConformanceTests(EmbeddedAppFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> ApplicableScenarios =>
    [
        "server-initialize", "server-session-lifecycle", "ping", "logging-set-level", "tools-list", "prompts-list",
        "server-sse-multiple-streams", "dns-rebinding-protection",
    ];

    [Theory]
    [MemberData(nameof(ApplicableScenarios))]
    public async Task Scenario_passes(string scenario)
    {
        var node = RepositoryTools.Node22;
        var suite = RepositoryTools.ConformanceSuite;

        // Directly at the MCP server on localhost, as the suite expects (the gateway adds OAuth, which it does not speak).
        var url = fixture.McpServerUrl.AbsoluteUri;
        using var process = Process.Start(new ProcessStartInfo(node, [suite, "server", "--url", url, "--scenario", scenario])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1" },
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var report = await stdout + await stderr;
        output.WriteLine(report);

        Assert.True(process.ExitCode == 0, $"Conformance scenario {scenario} failed (exit {process.ExitCode}):\n{report}");
        Assert.Contains(" 0 failed", report);
    }
}
