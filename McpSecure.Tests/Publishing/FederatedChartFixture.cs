using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Publishing;

/// <summary>
/// The real publish of the real AppHost in federation mode (<c>McpSecure:UpstreamIssuer</c>, a confidential upstream
/// client, a role map), as a user runs it, once for the class, into a temporary folder removed afterwards.
/// </summary>
public sealed class FederatedChartFixture : IAsyncLifetime
{
    public const string UpstreamIssuer = "https://login.acme.test/realms/acme";
    public const string UpstreamClientId = "mcp-identity";

    public string ChartDirectory { get; } = Directory.CreateTempSubdirectory("mcpsecure-chart-federated-").FullName;

    public ExternalProcess.Result Publish { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        Publish = await ExternalProcess.RunAsync("dotnet",
            ["run", "--no-build", "-c", configuration, "--no-launch-profile", "--project", Path.Combine(RepositoryTools.Root, "McpSecure.AppHost"),
             "--", "--operation", "publish", "--step", "publish", "--output-path", ChartDirectory,
             $"--McpSecure:UpstreamIssuer={UpstreamIssuer}", $"--McpSecure:UpstreamClientId={UpstreamClientId}",
             "--McpSecure:UpstreamRoleMap:mcp-admins=admin", "--McpSecure:UpstreamDefaultRoles:0=reader"],
            new Dictionary<string, string?>
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["ASPIRE_CLI_TELEMETRY_OPTOUT"] = "1",
                // The upstream client is confidential: the app model has the secret parameter (its value stays out of the chart).
                ["Parameters__upstream-client-secret"] = "test-only-publish-time-secret",
            },
            RepositoryTools.Root, TimeSpan.FromMinutes(3));
    }

    public Task DisposeAsync()
    {
        TempFolder.TryDelete(ChartDirectory);
        return Task.CompletedTask;
    }
}
