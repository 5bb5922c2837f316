using McpSecure.AppHost.Configuration;

namespace McpSecure.AppHost.HostingModes;

/// <summary>Resolves <see cref="AppHostOptions.Mode"/> to the mode that runs, and says why.</summary>
internal static class HostingModeSelector
{
    /// <summary>The mode for this AppHost run; in Auto mode the container engine named by Aspire's configuration is asked.</summary>
    public static HostingModeChoice Choose(IDistributedApplicationBuilder builder, HostingMode configured) =>
        Choose(configured, builder.ExecutionContext.IsPublishMode,
            new ContainerEngineProbe(builder.Configuration[ContainerEngineProbe.RuntimeConfigurationKey]));

    /// <summary>
    /// Publishing always targets the container images (a deployment has no Prometheus on PATH nor a dev identity
    /// project); a configured mode wins otherwise; Auto asks <paramref name="probe"/>, and only then.
    /// </summary>
    public static HostingModeChoice Choose(HostingMode configured, bool isPublishMode, IContainerEngineProbe probe)
    {
        if (isPublishMode)
        {
            return new(HostingMode.Containers, "publishing: deployments run the container images");
        }
        if (configured != HostingMode.Auto)
        {
            return new(configured, $"{AppHostOptions.SectionName}:{nameof(AppHostOptions.Mode)} is set to {configured}");
        }

        var answer = probe.Probe();
        return new(answer.Answered ? HostingMode.Containers : HostingMode.Embedded, $"Auto: {answer.Detail}");
    }
}
