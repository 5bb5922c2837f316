namespace McpSecure.AppHost.HostingModes;

/// <summary>How the infrastructure (identity provider, Prometheus) runs.</summary>
internal enum HostingMode
{
    /// <summary>Containers when a container engine answers, Embedded otherwise.</summary>
    Auto,
    /// <summary>Keycloak and Prometheus as container images (Docker or Podman).</summary>
    Containers,
    /// <summary>McpSecure.Identity as a project and Prometheus from the <c>prometheus</c> executable on PATH.</summary>
    Embedded,
}
