namespace McpSecure.AppHost.HostingModes;

/// <summary>The mode in force and, for the console and the dashboard, why.</summary>
/// <param name="Mode">Containers or Embedded, never Auto.</param>
/// <param name="Reason">Why, in a phrase a developer understands (the probe's findings in Auto mode).</param>
internal sealed record HostingModeChoice(HostingMode Mode, string Reason);
