using System.Diagnostics;

namespace McpSecure.AppHost;

/// <summary>How the infrastructure (identity provider, Prometheus) runs.</summary>
public enum HostingMode
{
    /// <summary>Containers when a container runtime answers, Embedded otherwise.</summary>
    Auto,
    /// <summary>Keycloak and Prometheus as container images (Docker or Podman).</summary>
    Containers,
    /// <summary>McpSecure.Identity as a project and Prometheus from the <c>prometheus</c> executable on PATH.</summary>
    Embedded,
}

/// <summary>The mode in force and, for the console and the dashboard, why.</summary>
public sealed record HostingModeChoice(HostingMode Mode, string Reason);

public static class HostingModeSelector
{
    public static HostingModeChoice Choose(IDistributedApplicationBuilder builder, HostingMode configured)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new(HostingMode.Containers, "publishing: deployments run the container images");
        }
        if (configured != HostingMode.Auto)
        {
            return new(configured, $"{McpSecureSettings.SectionName}:Mode is set to {configured}");
        }

        var probe = ContainerRuntimeProbe.Probe(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]);
        return probe.Answered
            ? new(HostingMode.Containers, $"Auto: {probe.Detail}")
            : new(HostingMode.Embedded, $"Auto: {probe.Detail}");
    }
}

/// <summary>Asks the container runtime's engine (not just its client) whether it is up.</summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public sealed record Result(bool Answered, string Detail);

    public static Result Probe(string? preferredRuntime)
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
            process.StandardError.ReadToEndAsync();
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
        catch (System.ComponentModel.Win32Exception)
        {
            return (false, "not installed");
        }
    }
}
