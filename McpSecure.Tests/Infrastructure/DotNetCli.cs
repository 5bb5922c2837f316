using System.Diagnostics;

namespace McpSecure.Tests.Infrastructure;

/// <summary>
/// The <c>dotnet</c> command line as a developer runs it (<c>new</c>, <c>pack</c>, <c>build</c>, <c>test</c>), with no
/// build server left behind (MSBuild node reuse, the MSBuild server and the shared compiler are off).
/// </summary>
public static class DotNetCli
{
    /// <summary>A finished command: what it printed, how it ended and how long it took.</summary>
    public sealed record Run(string Command, ExternalProcess.Result Result, TimeSpan Elapsed)
    {
        public bool Succeeded => Result.ExitCode == 0;

        public override string ToString() => $"`{Command}` took {Elapsed.TotalSeconds:0.0} s, {Result}";
    }

    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "true",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    public static async Task<Run> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await ExternalProcess.RunAsync("dotnet", arguments, Environment, workingDirectory, timeout);
        return new Run($"dotnet {string.Join(' ', arguments)}", result, stopwatch.Elapsed);
    }

    /// <summary>Like <see cref="RunAsync"/>, and fails with the command's output when it does not exit with 0.</summary>
    public static async Task<Run> RunCheckedAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var run = await RunAsync(workingDirectory, timeout, arguments);
        return run.Succeeded ? run : throw new InvalidOperationException($"Command failed: {run}");
    }
}
