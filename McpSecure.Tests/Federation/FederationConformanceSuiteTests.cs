using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Federation;

/// <summary>
/// The official MCP conformance suite's authorization-server scenarios against McpSecure.Identity in federation mode
/// (in front of the npm <c>oidc-provider</c>). The suite itself never drives a login: it prints the authorization URL
/// for a person to open and waits at its callback. The person here follows our authorize endpoint's redirect to the
/// upstream provider's own login page, signs in there as bob (its development login), approves its consent form,
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
        var checks = await ConformanceSuiteRun.RunAsync(fixture.Issuer, fixture.McpUrl, specVersion, "bob", "any-upstream-password", log);

        ConformanceSuiteRun.AssertAllPassed(checks);
    }
}
