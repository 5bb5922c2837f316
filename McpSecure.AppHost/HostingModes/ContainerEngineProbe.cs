using System.ComponentModel;
using System.Diagnostics;

namespace McpSecure.AppHost.HostingModes;

/// <summary>Asks the container runtime's engine (not just its client) whether it is up: <c>docker info</c> / <c>podman info</c>.</summary>
/// <param name="preferredRuntime">The runtime Aspire is told to use (<c>ASPIRE_CONTAINER_RUNTIME</c>); both are tried when null.</param>
internal sealed class ContainerEngineProbe(string? preferredRuntime) : IContainerEngineProbe
{
    /// <summary>The configuration key with which Aspire is told which runtime to use.</summary>
    public const string RuntimeConfigurationKey = "ASPIRE_CONTAINER_RUNTIME";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public ContainerEngineAnswer Probe()
    {
        string[] runtimes = string.IsNullOrWhiteSpace(preferredRuntime) ? ["docker", "podman"] : [preferredRuntime];
        var notes = new List<string>();
        foreach (var runtime in runtimes)
        {
            var (answered, detail) = Ask(runtime);
            if (answered)
            {
                return new(true, $"{runtime} engine {detail} answered");
            }
            notes.Add($"{runtime}: {detail}");
        }
        return new(false, $"no container runtime answered ({string.Join("; ", notes)})");
    }

    private static (bool Answered, string Detail) Ask(string runtime)
    {
        try
        {
            // The client alone answers `version`; `info` needs the engine. Podman names the field differently.
            var versionField = runtime.EndsWith("podman", StringComparison.Ordinal) ? "{{.Version.Version}}" : "{{.ServerVersion}}";
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", versionField])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return (false, "could not start");
            }
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, $"no answer within {Timeout.TotalSeconds:0} s");
            }
            var version = output.Result.Trim();
            return process.ExitCode == 0 && version.Length > 0 && !version.Contains("<no value>")
                ? (true, version)
                : (false, "client present but the engine is not running");
        }
        catch (Win32Exception)
        {
            return (false, "not installed");
        }
    }
}
