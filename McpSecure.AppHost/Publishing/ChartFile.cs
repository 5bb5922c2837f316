namespace McpSecure.AppHost.Publishing;

/// <summary>A file of the chart: its path relative to the chart folder (forward slashes) and its text.</summary>
internal sealed record ChartFile(string Path, string Content);
