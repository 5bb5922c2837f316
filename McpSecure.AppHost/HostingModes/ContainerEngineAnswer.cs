namespace McpSecure.AppHost.HostingModes;

/// <summary>What asking for a container engine found.</summary>
/// <param name="Answered">Whether an engine (not just its client) answered.</param>
/// <param name="Detail">Which engine and version answered, or what each candidate said.</param>
internal sealed record ContainerEngineAnswer(bool Answered, string Detail);
