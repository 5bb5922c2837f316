using McpSecure.Tests.Infrastructure;

namespace McpSecure.Tests.Publishing;

/// <summary>
/// Runs the real publish of the real AppHost once, as a user would without the Aspire CLI
/// (<c>dotnet run --project McpSecure.AppHost -- --operation publish --step publish --output-path &lt;dir&gt;</c>),
/// into a temporary folder that is removed afterwards.
/// </summary>
public class PublishedChartFixture : IAsyncLifetime
{
    /// <summary>AppHost settings given on its command line (<c>--McpSecure:Redis=true</c>); none: the app as it ships.</summary>
    protected virtual IReadOnlyList<string> Settings => [];

    public string ChartDirectory { get; } = Directory.CreateTempSubdirectory("mcpsecure-chart-").FullName;

    public ExternalProcess.Result Publish { get; private set; } = null!;

    public TimeSpan PublishDuration { get; private set; }

    public async Task InitializeAsync()
    {
        // The AppHost is built with the tests (a project reference), in the tests' configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
        var started = System.Diagnostics.Stopwatch.StartNew();
        Publish = await ExternalProcess.RunAsync("dotnet",
            ["run", "--no-build", "-c", configuration, "--no-launch-profile", "--project", Path.Combine(RepositoryTools.Root, "McpSecure.AppHost"),
             "--", "--operation", "publish", "--step", "publish", "--output-path", ChartDirectory, .. Settings],
            new Dictionary<string, string?> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPIRE_CLI_TELEMETRY_OPTOUT"] = "1" },
            RepositoryTools.Root, TimeSpan.FromMinutes(3));
        PublishDuration = started.Elapsed;
    }

    public Task DisposeAsync()
    {
        TempFolder.TryDelete(ChartDirectory);
        return Task.CompletedTask;
    }
}
