using System.Diagnostics;
using ModelContextProtocol;

namespace McpSecure.Tests.Template;

/// <summary>An MCP progress handler that notes when each notification reached the client.</summary>
internal sealed class TimedProgress(Stopwatch clock) : IProgress<ProgressNotificationValue>
{
    private readonly List<(TimeSpan At, float Progress)> reports = [];

    public IReadOnlyList<(TimeSpan At, float Progress)> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(ProgressNotificationValue value)
    {
        lock (reports)
        {
            reports.Add((clock.Elapsed, value.Progress));
        }
    }
}
