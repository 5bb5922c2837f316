namespace McpSecure.AppHost.HostingModes;

/// <summary>Finds out whether a container engine can run the Containers mode's images.</summary>
internal interface IContainerEngineProbe
{
    ContainerEngineAnswer Probe();
}
