using System.Text.RegularExpressions;

namespace McpSecure.Bench;

/// <summary>
/// Reads the AppHost's console output (its resource notifications and health checks logged at Debug) into timeline
/// marks: each resource's first state change to Starting, Waiting and Running, when Aspire saw it ready (its health
/// checks passed, which is what releases a <c>WaitFor</c>), and the dashboard's start. The first mark of each kind counts.
/// </summary>
internal static partial class AppHostLogTimeline
{
    /// <summary>The categories the AppHost must log at Debug for these marks (command-line configuration).</summary>
    public static IReadOnlyList<string> LoggingArguments { get; } =
    [
        "--Logging:LogLevel:Aspire.Hosting.ApplicationModel.ResourceNotificationService=Debug",
        "--Logging:LogLevel:Aspire.Hosting.Health.ResourceHealthCheckService=Debug",
    ];

    /// <summary>The mark this line is, if any.</summary>
    public static string? MarkOf(string line)
    {
        if (line.Contains("Distributed application starting", StringComparison.Ordinal))
        {
            return "apphost: application starting";
        }
        if (line.Contains("Distributed application started", StringComparison.Ordinal))
        {
            return "apphost: application started";
        }
        if (DashboardListening().IsMatch(line))
        {
            return "dashboard: listening";
        }
        if (StateChange().Match(line) is { Success: true } change)
        {
            return $"{change.Groups["name"].Value}: {change.Groups["state"].Value}";
        }
        if (Ready().Match(line) is { Success: true } ready)
        {
            return $"{ready.Groups["name"].Value}: ready";
        }
        return null;
    }

    [GeneratedRegex(@"Now listening on: https?://localhost:15888")]
    private static partial Regex DashboardListening();

    [GeneratedRegex(@"Resource (?<name>[\w-]+)/\S+ changed state: (?:\S+ -> )?(?<state>\w+)")]
    private static partial Regex StateChange();

    [GeneratedRegex(@"Resource '(?<name>[\w-]+)' is ready\.")]
    private static partial Regex Ready();
}
