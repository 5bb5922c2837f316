using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Identity;

/// <summary>
/// The official MCP conformance suite's authorization-server scenarios against McpSecure.Identity with its own users
/// (<see cref="ConformanceSuiteRun"/>: the suite prints the authorization URL, the test signs in as alice and delivers
/// the redirect). The same scenarios in federation mode: <see cref="Federation.FederationConformanceSuiteTests"/>.
/// </summary>
[Collection(EmbeddedAppCollection.Name)]
public sealed class ConformanceSuiteTests(EmbeddedAppFixture fixture, Xunit.Abstractions.ITestOutputHelper log)
{
    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task Authorization_server_scenarios_of_the_official_conformance_suite_pass(string specVersion)
    {
        var checks = await ConformanceSuiteRun.RunAsync(fixture.Issuer, fixture.McpUrl, specVersion, "alice", "alice-dev-password", log);

        ConformanceSuiteRun.AssertAllPassed(checks);
    }
}
