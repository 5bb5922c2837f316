using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The official MCP conformance suite's authorization-server scenarios against McpSecure.Identity in federation mode
/// (in front of the npm <c>oidc-provider</c>). The suite itself never drives a login: it prints the authorization URL
/// for a person to open and waits at its callback. The person here follows our authorize endpoint's redirect to the
/// upstream provider's own login page, signs in there (its development login, as a user of this run), approves its consent form,
/// comes back through our callback, and delivers the code to the suite, which redeems it at our token endpoint. No
/// test-only switch in the upstream provider is needed.
/// </summary>
[Collection(FederationAppCollection.Name)]
public sealed class FederationConformanceSuiteTests(FederationAppFixture fixture, Xunit.Abstractions.ITestOutputHelper log)
{
    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task Authorization_server_scenarios_of_the_official_conformance_suite_pass_in_federation_mode(string specVersion)
    {
        // A user of this run only (the upstream's development login takes any name), to see that it signed in upstream.
        var user = $"suite-{specVersion.Replace("-", "", StringComparison.Ordinal)}";

        var checks = await ConformanceSuiteRun.RunAsync(fixture.Issuer, fixture.McpUrl, specVersion, user, "any-upstream-password", log);

        ConformanceSuiteRun.AssertAllPassed(checks);
        // The suite's code came from a federated sign-in: McpSecure.Identity provisioned the upstream user.
        var signedInUpstream = $"Upstream user {user} signed in through {fixture.UpstreamIssuer}";
        for (var attempt = 0; attempt < 50 && !IdentityLogged(signedInUpstream); attempt++)
        {
            await Task.Delay(200);
        }
        Assert.True(IdentityLogged(signedInUpstream), $"McpSecure.Identity never logged \"{signedInUpstream}\".");
    }

    private bool IdentityLogged(string text) =>
        fixture.Logs.Snapshot()["identity"].Any(line => line.Contains(text, StringComparison.Ordinal));
}
