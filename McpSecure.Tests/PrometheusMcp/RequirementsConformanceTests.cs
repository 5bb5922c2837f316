using System.Diagnostics;
using System.Text.Json;
using McpSecure.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpSecure.Tests.PrometheusMcp;

/// <summary>
/// The official MCP conformance suite (tools/conformance, 0.2.0-alpha.12) with <c>server --requirements &lt;revision&gt;</c>,
/// the exact scenario set a protocol revision requires, for 2026-07-28 and 2025-11-25: directly against the Prometheus
/// MCP server, and through the gateway with a real login (the suite sends no token, so a loopback proxy in the test adds
/// bob's). Every check must pass except those that need the suite's reference server's own fixtures, listed below with
/// the reason; a check outside these lists that fails, fails the test.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class RequirementsConformanceTests(EmbeddedAppFixture fixture, ITestOutputHelper output)
{
    private const string AdminScopes = "openid profile offline_access mcp:tools prometheus:read prometheus:admin";

    /// <summary>Scenarios made of the reference server's fixtures only (its test_* tools, prompts, resources), with why.</summary>
    private static readonly Dictionary<string, string> NotApplicableScenarios = new()
    {
        ["completion-complete"] = "completes an argument of the reference server's test prompt; we offer no completions",
        ["tools-call-simple-text"] = "calls the reference tool test_simple_text",
        ["tools-call-image"] = "calls the reference tool test_image_content",
        ["tools-call-audio"] = "calls the reference tool test_audio_content",
        ["tools-call-embedded-resource"] = "calls the reference tool test_embedded_resource",
        ["tools-call-mixed-content"] = "calls the reference tool test_multiple_content_types",
        ["tools-call-with-logging"] = "calls the reference tool test_tool_with_logging",
        ["tools-call-error"] = "calls the reference tool test_error_handling",
        ["tools-call-with-progress"] = "calls the reference tool test_tool_with_progress",
        ["tools-call-sampling"] = "calls the reference tool test_sampling",
        ["tools-call-elicitation"] = "calls the reference tool test_elicitation",
        ["elicitation-sep1034-defaults"] = "calls the reference tool test_elicitation_sep1034_defaults",
        ["elicitation-sep1330-enums"] = "calls the reference tool test_elicitation_sep1330_enums",
        ["resources-list"] = "this server offers no resources (resources/list is -32601, as it should be)",
        ["resources-read-text"] = "reads the reference resource test://static-text",
        ["resources-read-binary"] = "reads the reference resource test://static-binary",
        ["resources-templates-read"] = "reads the reference resource template test://template/{id}/data",
        ["resources-subscribe"] = "subscribes to a reference resource",
        ["resources-unsubscribe"] = "unsubscribes from a reference resource",
        ["prompts-get-simple"] = "gets the reference prompt test_simple_prompt",
        ["prompts-get-with-args"] = "gets the reference prompt test_prompt_with_arguments",
        ["prompts-get-embedded-resource"] = "gets the reference prompt test_prompt_with_embedded_resource",
        ["prompts-get-with-image"] = "gets the reference prompt test_prompt_with_image",
        ["input-required-result-basic-elicitation"] = "calls the reference tool test_input_required_result_elicitation",
        ["input-required-result-basic-sampling"] = "calls the reference tool test_input_required_result_sampling",
        ["input-required-result-basic-list-roots"] = "calls the reference tool test_input_required_result_list_roots",
        ["input-required-result-request-state"] = "calls the reference tool test_input_required_result_request_state",
        ["input-required-result-multiple-input-requests"] = "calls the reference tool test_input_required_result_multiple_inputs",
        ["input-required-result-multi-round"] = "calls the reference tool test_input_required_result_multi_round",
        ["input-required-result-non-tool-request"] = "gets the reference prompt test_input_required_result_prompt",
        ["input-required-result-result-type"] = "calls a reference input-required tool",
        ["input-required-result-tampered-state"] = "calls a reference input-required tool",
        ["input-required-result-capability-check"] = "calls the reference tool test_input_required_result_capabilities",
        ["json-schema-2020-12"] = "(pending) calls the reference tool json_schema_2020_12_tool",
        ["http-custom-header-server-validation"] = "(pending) needs a tool with x-mcp-header parameter annotations; ours have none",
        ["tasks-lifecycle"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-capability-negotiation"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-wire-fields"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-request-state-removal"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-mrtr-input"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-request-headers"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-dispatch-and-envelope"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-required-task-error"] = "tasks extension (not scored): the reference server's task tools",
        ["tasks-mrtr-composition"] = "tasks extension (not scored): the reference server's task tools",
    };

    /// <summary>Single checks of otherwise applicable scenarios that need a reference fixture, with why.</summary>
    private static readonly Dictionary<(string Scenario, string Check), string> NotApplicableChecks = new()
    {
        [("server-stateless", "sep-2575-server-rejects-undeclared-capability")] = "needs the reference diagnostic tool test_missing_capability",
        [("server-stateless", "sep-2575-missing-capability-http-400")] = "needs the reference diagnostic tool test_missing_capability",
        [("server-stateless", "sep-2575-http-server-no-independent-requests-on-stream")] = "needs the reference tool test_streaming_elicitation",
        [("server-stateless", "sep-2575-server-no-log-without-loglevel")] = "needs the reference tool test_logging_tool",
        [("caching", "sep-2549-resources-list-caching-hints")] = "this server offers no resources: resources/list is -32601",
        [("caching", "sep-2549-resources-templates-list-caching-hints")] = "this server offers no resource templates: -32601",
    };

    public static TheoryData<string, string> Runs => new()
    {
        { "direct", "2026-07-28" },
        { "gateway", "2026-07-28" },
        { "direct", "2025-11-25" },
        { "gateway", "2025-11-25" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Every_check_not_needing_the_reference_servers_fixtures_passes(string target, string revision)
    {
        await using var proxy = target == "gateway"
            ? new TokenInjectingProxy(fixture.ProxyOrigin, fixture.GatewayUrl, (await fixture.LoginAsync("bob", "bob-dev-password", AdminScopes)).AccessToken)
            : null;
        var url = proxy is null ? fixture.McpServerUrl : new Uri(proxy.Origin, "/mcp");

        var results = await RunSuiteAsync(url, revision);

        var unexpected = new List<string>();
        foreach (var (scenario, checks) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            // As the suite scores them: a WARNING (a SHOULD) is reported, only a FAILURE fails.
            var failed = checks.Where(c => c.Status == "FAILURE").ToList();
            foreach (var warning in checks.Where(c => c.Status == "WARNING"))
            {
                output.WriteLine($"    warning: {warning.Id}: {warning.Error}");
            }
            var passed = checks.Count(c => c.Status == "SUCCESS");
            var excused = NotApplicableScenarios.TryGetValue(scenario, out var reason);
            output.WriteLine($"{(failed.Count == 0 ? "✓" : "✗")} {scenario}: {passed} passed, {failed.Count} failed{(excused ? $" (not applicable: {reason})" : "")}");
            if (excused)
            {
                continue;
            }
            foreach (var check in failed)
            {
                if (NotApplicableChecks.TryGetValue((scenario, check.Id), out var why))
                {
                    output.WriteLine($"    not applicable: {check.Id}: {why}");
                    continue;
                }
                unexpected.Add($"{scenario}/{check.Id}: {check.Error}");
            }
        }

        Assert.True(results.Count >= 30, $"Only {results.Count} scenarios ran.");
        Assert.True(unexpected.Count == 0, $"{target}, {revision}: failing checks that are ours to fix:\n{string.Join('\n', unexpected)}");
    }

    private sealed record Check(string Id, string Status, string? Error);

    private async Task<Dictionary<string, List<Check>>> RunSuiteAsync(Uri url, string revision)
    {
        var folder = Directory.CreateTempSubdirectory("mcpsecure-conformance-").FullName;
        try
        {
            return await RunSuiteAsync(url, revision, folder);
        }
        finally
        {
            TempFolder.TryDelete(folder);
        }
    }

    private async Task<Dictionary<string, List<Check>>> RunSuiteAsync(Uri url, string revision, string folder)
    {
        using var process = Process.Start(new ProcessStartInfo(RepositoryTools.Node22,
            [RepositoryTools.ConformanceSuite, "server", "--url", url.AbsoluteUri, "--requirements", revision, "-o", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NO_COLOR"] = "1" },
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        var summary = await stdout + await stderr;
        output.WriteLine(summary[Math.Max(0, summary.IndexOf("=== SUMMARY", StringComparison.Ordinal))..]);

        var results = new Dictionary<string, List<Check>>();
        foreach (var file in Directory.GetFiles(folder, "checks.json", SearchOption.AllDirectories))
        {
            // <output>/server-<scenario>-<ISO timestamp>/checks.json
            var name = Path.GetFileName(Path.GetDirectoryName(file)!);
            var scenario = System.Text.RegularExpressions.Regex.Replace(name, @"^server-(.+)-\d{4}-\d{2}-\d{2}T.*$", "$1");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            results[scenario] = document.RootElement.EnumerateArray()
                .Select(c => new Check(c.GetProperty("id").GetString()!, c.GetProperty("status").GetString()!,
                    c.TryGetProperty("errorMessage", out var error) ? error.GetString() : null))
                .ToList();
        }
        return results;
    }
}
